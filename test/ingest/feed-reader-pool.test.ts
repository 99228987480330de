import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/domain/index.js";
import { createFeedReaderPool } from "../../src/ingest/feed-reader-pool.js";
import { useFeedServer } from "../support/feed-server.js";
import { fixtureFeed, ingestHarness, source } from "../support/ingest-harness.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const feedServer = useFeedServer();
const RSS = { "content-type": "application/rss+xml; charset=utf-8" };
const PARSE_WORKER = new URL("../../src/ingest/parse-worker.ts", import.meta.url).href;

/**
 * The real parse worker behind a listener that, for a body saying so, crashes the worker or
 * never answers: what a parser bug or a pathological feed would do.
 */
function misbehavingWorker(dir: string): URL {
  const path = join(dir, "misbehaving-parse-worker.mts");
  writeFileSync(
    path,
    `import { parentPort } from "node:worker_threads";
parentPort?.on("message", (job: { body: Uint8Array }) => {
  const text = Buffer.from(job.body).toString("utf8");
  if (text.includes("CRASH-THE-PARSER")) throw new Error("parser blew up");
  if (text.includes("HANG-THE-PARSER")) for (;;) {}
});
await import(${JSON.stringify(PARSE_WORKER)});
`,
  );
  return pathToFileURL(path);
}

async function siteWithFeeds() {
  const server = await feedServer();
  server.route("/vn.rss", { headers: RSS, body: fixtureFeed("vn-world.rss") });
  server.route("/en.atom", { headers: { "content-type": "application/atom+xml" }, body: fixtureFeed("en-korea.atom") });
  const poisoned = (marker: string) =>
    Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>${marker}</title></channel></rss>`);
  server.route("/crash.rss", { headers: RSS, body: poisoned("CRASH-THE-PARSER") });
  server.route("/hang.rss", { headers: RSS, body: poisoned("HANG-THE-PARSER") });
  return server;
}

describe("feeds parsed on worker threads", () => {
  it("store the same items as parsing on the main thread", async () => {
    const server = await siteWithFeeds();
    const sources = [source("vn", server.url("/vn.rss")), source("en", server.url("/en.atom"), { lang: "en" })];
    const inThread = ingestHarness(tempDir());
    await inThread.run(sources, { parseWorkers: 0 });
    const pooled = ingestHarness(tempDir());
    const reader = createFeedReaderPool({ workers: 1, logger: silentLogger });
    try {
      expect(await reader.started()).toBe(true);
      const report = await pooled.run(sources, { feedReader: reader });
      expect(report.sources.map((s) => [s.id, s.status, s.new])).toEqual([
        ["vn", "ok", 3],
        ["en", "ok", 2],
      ]);
    } finally {
      await reader.close();
    }
    const rows = (h: typeof pooled) =>
      h.db
        .prepare("SELECT source_id, guid, url, title, lead, published_at, content_hash FROM items ORDER BY guid")
        .all();
    expect(rows(pooled)).toEqual(rows(inThread));
  });

  it("a worker crash is that source's error; the other sources and later feeds are read", async () => {
    const server = await siteWithFeeds();
    const h = ingestHarness(tempDir());
    const reader = createFeedReaderPool({
      workers: 1,
      workerEntry: misbehavingWorker(tempDir()),
      logger: silentLogger,
    });
    try {
      expect(await reader.started()).toBe(true);
      const report = await h.run(
        [
          source("vn", server.url("/vn.rss")),
          source("crash", server.url("/crash.rss")),
          source("en", server.url("/en.atom"), { lang: "en" }),
        ],
        { feedReader: reader },
      );
      expect(report.sources.map((s) => [s.id, s.status])).toEqual([
        ["vn", "ok"],
        ["crash", "error"],
        ["en", "ok"],
      ]);
      expect(report.sources[1]?.error).toMatch(/the feed parser crashed \(parser blew up\)/);
      expect(h.sourceStore.fetchState(report.sources[1]!.id).lastError).toMatch(/parser crashed/);
      expect(h.itemStore.count()).toBe(5);
    } finally {
      await reader.close();
    }
  });

  it("a parse that never ends times out as that source's error", async () => {
    const server = await siteWithFeeds();
    const h = ingestHarness(tempDir());
    const reader = createFeedReaderPool({
      workers: 1,
      timeoutMs: 500,
      workerEntry: misbehavingWorker(tempDir()),
      logger: silentLogger,
    });
    try {
      expect(await reader.started()).toBe(true);
      const report = await h.run([source("hang", server.url("/hang.rss")), source("vn", server.url("/vn.rss"))], {
        feedReader: reader,
      });
      expect(report.sources.map((s) => [s.id, s.status])).toEqual([
        ["hang", "error"],
        ["vn", "ok"],
      ]);
      expect(report.sources[0]?.error).toBe("parsing took longer than 0.5 s");
      expect(h.titles("vn")).toHaveLength(3);
    } finally {
      await reader.close();
    }
  });

  it("a worker that cannot start leaves the parsing to the main thread, said once", async () => {
    const server = await siteWithFeeds();
    const h = ingestHarness(tempDir());
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (_: unknown, message?: string) => warnings.push(String(message)) };
    const reader = createFeedReaderPool({
      workers: 2,
      workerEntry: pathToFileURL(join(tempDir(), "no-such-worker.js")),
      logger,
    });
    try {
      expect(await reader.started()).toBe(false);
      const report = await h.run([source("vn", server.url("/vn.rss"))], { feedReader: reader });
      expect(report.sources.map((s) => [s.id, s.status, s.new])).toEqual([["vn", "ok", 3]]);
      expect(warnings).toEqual(["feed parse workers cannot start; parsing feeds on the main thread"]);
    } finally {
      await reader.close();
    }
  });
});
