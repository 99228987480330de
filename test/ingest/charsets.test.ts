import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeBody } from "../../src/ingest/decode-body.js";
import { parseFeed } from "../../src/ingest/parse-feed.js";
import { corpusPath } from "../support/corpora.js";
import { useFeedServer } from "../support/feed-server.js";
import { fixtureFeed, ingestHarness, source } from "../support/ingest-harness.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const feedServer = useFeedServer();

async function ingestOne(file: string, contentType: string): Promise<string[]> {
  const server = await feedServer();
  server.route("/feed", { headers: { "content-type": contentType }, body: fixtureFeed(file) });
  const h = ingestHarness(tempDir());
  const report = await h.run([source("s", server.url("/feed"))]);
  expect(report.sources[0]).toMatchObject({ status: "ok" });
  return h.db.prepare("SELECT title || ' | ' || lead FROM items").pluck().all() as string[];
}

describe("character sets through the whole ingest path", () => {
  it("windows-1258 Vietnamese (combining tone marks) from the HTTP header becomes NFC text", async () => {
    const [row] = await ingestOne("windows-1258.rss", "application/rss+xml; charset=windows-1258");
    expect(row).toBe(
      "Triều Tiên và Hàn Quốc nối lại đối thoại | Hội nghị thượng đỉnh liên Triều ở Bàn Môn Điếm. & thêm",
    );
    expect(row).toBe(row?.normalize("NFC"));
  });

  it("windows-1252 curly quotes and accents", async () => {
    const [row] = await ingestOne("windows-1252.rss", "text/xml; charset=windows-1252");
    expect(row).toBe("Café “diplomatie” à Séoul – naïve | Le président s’est exprimé. & thêm");
  });

  it("UTF-16 with a byte-order mark and no charset in the header", async () => {
    const [row] = await ingestOne("utf-16le-bom.rss", "application/xml");
    expect(row).toBe("Bình Nhưỡng phóng tên lửa 北韓 | Tin nóng. & thêm");
  });

  it("ISO-8859-1 named only in the XML declaration", async () => {
    const [row] = await ingestOne("iso-8859-1-declaration.rss", "application/rss+xml");
    expect(row).toBe('Zürich hosts Korea talks: "naïve" hopes | Façade of peace. & thêm');
  });

  it("the header outranks the declaration", () => {
    const body = Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><rss/>');
    expect(decodeBody(body, "text/xml; charset = us-ascii")).toMatchObject({ charset: "us-ascii", from: "header" });
    expect(decodeBody(body, "text/xml; charset=bogus-charset")).toMatchObject({
      charset: "iso-8859-1",
      from: "declaration",
    });
  });
});

const encodingCorpus = corpusPath("feedparser", "tests", "encoding");

describe.skipIf(!existsSync(encodingCorpus))("CJK sets from feedparser's encoding corpus", () => {
  const corpus = (name: string) => readFileSync(join(encodingCorpus, name));

  it("euc-kr: the channel title is 년 and an item description decodes too", async () => {
    const decoded = decodeBody(corpus("euc-kr.xml"), undefined);
    expect(decoded.charset).toBe("euc-kr");
    const feed = await parseFeed(decoded.text);
    expect(feed.status === "ok" && feed.feed.title).toBe("\ub144");
    const item = await parseFeed(decodeBody(corpus("euc-kr-item.xml"), undefined).text);
    expect(item.status === "ok" && item.feed.items[0]?.content).toBe("\ub144");
  });

  it("big5 and gb2312 are recognised", async () => {
    expect(decodeBody(corpus("big5.xml"), undefined).charset).toBe("big5");
    const gb = decodeBody(
      corpus("http_application_atom_xml_gb2312_charset.xml"),
      "application/atom+xml; charset=gb2312",
    );
    expect(gb.charset).toBe("gb2312");
  });
});
