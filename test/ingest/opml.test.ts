import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSources } from "../../src/config/sources.js";
import { parseOpml, renderOpml } from "../../src/ingest/opml.js";
import { corpusPath } from "../support/corpora.js";

describe("OPML import and export", () => {
  it("export then import gives back the shipped sources, ids and settings included", () => {
    const sources = loadSources("config/sources.yaml");
    const back = parseOpml(renderOpml(sources));
    expect(back).toEqual({ status: "ok", sources });
  });

  it("names with quotes, ampersands and Vietnamese survive the round trip", () => {
    const sources = loadSources("config/sources.yaml")
      .slice(0, 1)
      .map((s) => ({ ...s, name: 'Báo "Thế giới" & <Việt Nam>' }));
    expect(parseOpml(renderOpml(sources))).toEqual({ status: "ok", sources });
  });

  it("outlines in folders are flattened and get ids from their titles", () => {
    const opml = `<opml version="1.0"><body><outline text="Hàn Quốc"><outline text="Tin Hàn Quốc" type="rss" xmlUrl="https://a.test/rss" language="en-us"/><outline text="Tin Hàn Quốc" xmlUrl="https://b.test/rss"/></outline></body></opml>`;
    const parsed = parseOpml(opml);
    expect(parsed.status === "ok" && parsed.sources.map((s) => [s.id, s.lang])).toEqual([
      ["tin-han-quoc", "en"],
      ["tin-han-quoc-2", "vi"],
    ]);
  });

  it.each([
    ["<rss version='2.0'/>", "not an OPML file: the root element is <rss>"],
    ["<opml version='0.5'><body/></opml>", 'unsupported OPML version "0.5": expected 1.0, 1.1 or 2.0'],
    ["<opml version='2.0'><head/></opml>", "OPML has no <body>"],
    [
      "<opml version='2.0'><body><outline text='x'/></body></opml>",
      "no feeds in the OPML: no <outline> with an xmlUrl",
    ],
    [
      "<opml version='2.0'><body><outline text='x' xmlUrl='ftp://x'/></body></opml>",
      'outline "x": xmlUrl "ftp://x" is not an http(s) URL',
    ],
    [
      "<opml version='2.0'>\n<body><outline text='A & B' xmlUrl='http://x.test/'/></body></opml>",
      'not well-formed XML: a bare "&" on line 2',
    ],
  ])("refuses %s", (opml, message) => {
    expect(parseOpml(opml)).toEqual({ status: "error", message });
  });
});

const opmlCorpus = corpusPath("feedvalidator", "testcases", "opml");

const hasOpmlCorpus = existsSync(opmlCorpus);

describe.skipIf(!hasOpmlCorpus)("the feed validator's OPML files", () => {
  // The body is collected even when skipped: list the files only when they are there.
  const files = hasOpmlCorpus
    ? ["clean", "errors", "rss"].flatMap((d) => readdirSync(join(opmlCorpus, d)).map((f) => join(opmlCorpus, d, f)))
    : [];

  it("each is accepted with its feeds or refused with a reason", () => {
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const outcome = parseOpml(readFileSync(file, "latin1"));
      if (outcome.status === "ok") expect(outcome.sources.length, file).toBeGreaterThan(0);
      else expect(outcome.message.length, file).toBeGreaterThan(10);
    }
  });

  it("the clean subscription list gives its 13 feeds; the broken ones are refused", () => {
    const list = parseOpml(readFileSync(join(opmlCorpus, "clean", "subscriptionList.opml"), "latin1"));
    expect(list.status === "ok" && list.sources.length).toBe(13);
    expect(parseOpml(readFileSync(join(opmlCorpus, "errors", "notwellformed.opml"), "latin1")).status).toBe("error");
    expect(parseOpml(readFileSync(join(opmlCorpus, "errors", "incorrectOpmlVersion.opml"), "latin1")).status).toBe(
      "error",
    );
    expect(parseOpml(readFileSync(join(opmlCorpus, "errors", "missingBody.opml"), "latin1")).status).toBe("error");
  });
});
