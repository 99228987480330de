import { cpSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import iconv from "iconv-lite";
import Parser from "rss-parser";
import { afterEach, describe, expect, it } from "vitest";
import { extractArticle } from "../../src/ingest/index.js";
import { type SampleServer, startSampleServer } from "../../src/samples/index.js";
import { useTempDir } from "../support/temp-dir.js";

const SAMPLES = join(import.meta.dirname, "..", "..", "data", "samples");
const NOW = Date.parse("2026-11-22T03:40:00Z");
const HOUR = 3_600_000;

const tempDir = useTempDir();
const started: SampleServer[] = [];
afterEach(async () => {
  for (const server of started.splice(0)) await server.close();
});

async function start(now: () => number = () => NOW): Promise<SampleServer> {
  const server = await startSampleServer({ dir: SAMPLES, now });
  started.push(server);
  return server;
}

/** Decode as a feed reader must: the charset the Content-Type header names. */
async function fetchText(url: string): Promise<{ status: number; contentType: string; text: string }> {
  const res = await fetch(url);
  const contentType = res.headers.get("content-type") ?? "";
  const charset = /charset=([\w.:-]+)/i.exec(contentType)?.[1] ?? "utf-8";
  const text = iconv.decode(Buffer.from(await res.arrayBuffer()), charset).normalize("NFC");
  return { status: res.status, contentType, text };
}

describe("the bundled sample sources", () => {
  it("lists at least six outlets on the loopback server, Vietnamese and English", async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.sources.length).toBeGreaterThanOrEqual(6);
    expect(server.sources.filter((s) => s.lang === "vi").length).toBeGreaterThanOrEqual(4);
    expect(server.sources.filter((s) => s.lang === "en").length).toBeGreaterThanOrEqual(2);
    for (const source of server.sources) expect(source.url.startsWith(`${server.url}/`)).toBe(true);
    expect(server.sources.map((s) => s.name)).toContain("Báo mẫu Thế giới");
  });

  it("serves feeds that rss-parser reads, every item dated within the last few days", async () => {
    const server = await start();
    const parser = new Parser();
    let items = 0;
    const formats = new Set<string>();
    const charsets = new Set<string>();
    for (const source of server.sources) {
      const { status, contentType, text } = await fetchText(source.url);
      expect(status, source.id).toBe(200);
      expect(contentType).toMatch(/^application\/(rss\+xml|atom\+xml|xml); charset=/);
      formats.add(text.includes("<feed xmlns=") ? "atom" : "rss");
      charsets.add(/charset=(.+)$/.exec(contentType)?.[1] ?? "");
      const feed = await parser.parseString(text);
      expect(feed.items.length, source.id).toBeGreaterThanOrEqual(8);
      for (const item of feed.items) {
        const published = Date.parse(item.isoDate ?? "");
        expect(published, `${source.id}: ${item.title}`).toBeLessThanOrEqual(NOW);
        expect(published, `${source.id}: ${item.title}`).toBeGreaterThan(NOW - 4 * 24 * HOUR);
        expect(item.title?.trim()).not.toBe("");
        expect(item.guid ?? item.id, `${source.id}: ids never depend on the port`).not.toContain("127.0.0.1");
      }
      items += feed.items.length;
    }
    expect(items).toBeGreaterThanOrEqual(60);
    expect(items).toBeLessThanOrEqual(100);
    expect([...formats].sort()).toEqual(["atom", "rss"]);
    expect(charsets).toContain("windows-1258");
    expect(charsets).toContain("iso-8859-1");
  });

  it("decodes the windows-1258 and ISO-8859-1 feeds to the right letters", async () => {
    const server = await start();
    const vov = await fetchText(server.sources.find((s) => s.id === "dai-mau-tieng-noi")!.url);
    expect(vov.text).toContain("Triều Tiên phóng tên lửa đạn đạo tầm ngắn");
    const monitor = await fetchText(server.sources.find((s) => s.id === "peninsula-monitor-sample")!.url);
    expect(monitor.text).toContain("Trilateral communiqué");
  });

  it("has several outlets reporting the same event in different words", async () => {
    const server = await start();
    const parser = new Parser();
    const outletsOnPanmunjomTalks = new Set<string>();
    for (const source of server.sources) {
      const feed = await parser.parseString((await fetchText(source.url)).text);
      if (feed.items.some((i) => /Bàn Môn Điếm|Panmunjom/.test(`${i.title} ${i.contentSnippet}`))) {
        outletsOnPanmunjomTalks.add(source.id);
      }
    }
    expect(outletsOnPanmunjomTalks.size).toBeGreaterThanOrEqual(5);
  });

  it("serves a boilerplate-wrapped article page for every item of a full-text source", async () => {
    const server = await start();
    const parser = new Parser();
    for (const source of server.sources.filter((s) => s.fullText)) {
      const feed = await parser.parseString((await fetchText(source.url)).text);
      for (const item of feed.items) {
        expect(item.link?.startsWith(`${server.url}/`), item.link).toBe(true);
        const page = await fetchText(item.link!);
        expect(page.status, item.link).toBe(200);
        expect(page.contentType).toBe("text/html; charset=utf-8");
        expect(page.text).toContain(item.title!);
        expect(page.text).toMatch(/Tin liên quan|Tin cùng chuyên mục/);
        expect(page.text).not.toMatch(/\{\{/);
      }
    }
  });

  it("every page's 'not real news' disclaimer is a note in the markup, so extraction never takes it for article text", async () => {
    const server = await start();
    const parser = new Parser();
    for (const source of server.sources.filter((s) => s.fullText)) {
      const feed = await parser.parseString((await fetchText(source.url)).text);
      for (const item of feed.items) {
        const page = await fetchText(item.link!);
        expect(page.text).toMatch(/<aside class="sample-notice" role="note">Dữ liệu mẫu của Bantin/);
        expect(extractArticle(page.text, item.link!)?.text ?? "", item.link).not.toContain("Dữ liệu mẫu");
      }
    }
  });

  it("answers 304 to a conditional GET until the hour turns", async () => {
    let now = NOW;
    const server = await start(() => now);
    const url = server.sources[0]!.url;
    const first = await fetch(url);
    await first.arrayBuffer();
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;
    expect(etag).toMatch(/^".+"$/);

    now += 10 * 60_000;
    expect((await fetch(url, { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await fetch(url, { headers: { "if-modified-since": lastModified } })).status).toBe(304);

    now += HOUR;
    const later = await fetch(url, { headers: { "if-none-match": etag } });
    expect(later.status).toBe(200);
    expect(later.headers.get("etag")).not.toBe(etag);
  });

  it("serves nothing outside the feeds and pages of the sample folder", async () => {
    const parent = tempDir();
    cpSync(SAMPLES, join(parent, "samples"), { recursive: true });
    writeFileSync(join(parent, "secret.html"), "<p>outside</p>");
    const server = await startSampleServer({ dir: join(parent, "samples"), now: () => NOW });
    started.push(server);
    expect(await rawStatus(server.url, "/../secret.html")).toBe(404);
    expect(await rawStatus(server.url, "/%2e%2e/secret.html")).toBe(404);
    expect(await rawStatus(server.url, "/sources.yaml")).toBe(404);
    expect(await rawStatus(server.url, "/README.md")).toBe(404);
    expect(await rawStatus(server.url, "/vi/khong-co.rss")).toBe(404);
    expect((await fetch(server.sources[0]!.url, { method: "POST" })).status).toBe(405);
  });
});

/** A request with the path sent exactly as written (fetch would normalise the dots away). */
function rawStatus(origin: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/`, { path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}
