import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type FeedServer, useFeedServer } from "../support/feed-server.js";
import { fixtureFeed, ingestHarness, source } from "../support/ingest-harness.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const feedServer = useFeedServer();
const RSS = { "content-type": "application/rss+xml; charset=utf-8" };

async function siteWithGoodFeeds(): Promise<FeedServer> {
  const server = await feedServer();
  server.route("/vn.rss", { headers: RSS, body: fixtureFeed("vn-world.rss") });
  server.route("/en.atom", { headers: { "content-type": "application/atom+xml" }, body: fixtureFeed("en-korea.atom") });
  return server;
}

describe("ingest of good feeds", () => {
  it("stores each story once, normalised: canonical URL, text from HTML, NFC in the outlet's own spelling", async () => {
    const server = await siteWithGoodFeeds();
    const h = ingestHarness(tempDir());
    const report = await h.run([
      source("vn", server.url("/vn.rss")),
      source("en", server.url("/en.atom"), { lang: "en" }),
    ]);
    expect(report.sources.map(({ id, status, new: n, seen }) => ({ id, status, n, seen }))).toEqual([
      { id: "vn", status: "ok", n: 3, seen: 3 },
      { id: "en", status: "ok", n: 2, seen: 2 },
    ]);
    const first = h.db.prepare("SELECT * FROM items WHERE source_id = 'vn' ORDER BY id").all()[0] as Record<
      string,
      unknown
    >;
    expect(first.url).toBe("https://vov.vn/the-gioi/my-trieu-tien-doi-thoai-post1.vov");
    expect(first.guid).toBe(`127.0.0.1:${new URL(server.url("/")).port}:g-1`);
    expect(first.lead).toBe("Đặc phái viên Mỹ Stephen Biegun kết thúc chuyến thăm Bình Nhưỡng. & thêm");
    expect(first.published_at).toBe(Date.parse("2025-11-22T00:30:00+07:00"));
    // Stored as the outlet wrote it (old-style "hòa"), NFC only.
    expect(h.titles("vn")).toContain("Hàn Quốc kêu gọi hòa bình trên bán đảo");
    const urls = h.db.prepare("SELECT url FROM items WHERE source_id = 'en'").pluck().all();
    expect(urls).toEqual(["https://en.yna.co.kr/view/AEN1", "https://en.yna.co.kr/view/AEN2"]);
  });

  it("running ingest twice adds nothing", async () => {
    const server = await siteWithGoodFeeds();
    const h = ingestHarness(tempDir());
    const sources = [source("vn", server.url("/vn.rss")), source("en", server.url("/en.atom"), { lang: "en" })];
    await h.run(sources);
    const again = await h.run(sources);
    expect(again.sources.map((s) => [s.status, s.new, s.seen])).toEqual([
      ["ok", 0, 3],
      ["ok", 0, 2],
    ]);
    expect(h.itemStore.count()).toBe(5);
  });

  it("the same story in two sources is stored once", async () => {
    const server = await siteWithGoodFeeds();
    server.route("/mirror.rss", { headers: RSS, body: fixtureFeed("vn-world.rss") });
    const h = ingestHarness(tempDir());
    const report = await h.run([source("vn", server.url("/vn.rss")), source("mirror", server.url("/mirror.rss"))]);
    expect(report.sources.reduce((n, s) => n + s.new, 0)).toBe(3);
    expect(h.itemStore.count()).toBe(3);
  });

  it("a conditional GET: the second fetch sends the validators and gets not-modified", async () => {
    const server = await feedServer();
    server.route("/vn.rss", (req) =>
      req.headers["if-none-match"] === '"v1"'
        ? { status: 304 }
        : {
            headers: { ...RSS, etag: '"v1"', "last-modified": "Sat, 22 Nov 2025 01:00:00 GMT" },
            body: fixtureFeed("vn-world.rss"),
          },
    );
    const h = ingestHarness(tempDir());
    const sources = [source("vn", server.url("/vn.rss"))];
    await h.run(sources);
    const second = await h.run(sources);
    expect(second.sources[0]).toMatchObject({ status: "not-modified", new: 0 });
    expect(server.requests[1]?.headers["if-none-match"]).toBe('"v1"');
    expect(server.requests[1]?.headers["if-modified-since"]).toBe("Sat, 22 Nov 2025 01:00:00 GMT");
    expect(h.sourceStore.get(sources[0]!.id)).toMatchObject({ lastStatus: "not-modified", etag: '"v1"' });
  });

  it("sends a clear User-Agent, asks for compression and reads a gzip body", async () => {
    const server = await feedServer();
    server.route("/gz.rss", {
      headers: { ...RSS, "content-encoding": "gzip" },
      body: gzipSync(fixtureFeed("vn-world.rss")),
    });
    const h = ingestHarness(tempDir());
    const report = await h.run([source("gz", server.url("/gz.rss"))]);
    expect(report.sources[0]).toMatchObject({ status: "ok", new: 3 });
    expect(server.requests[0]?.headers["user-agent"]).toBe("BantinTest/1 (+loopback)");
    expect(server.requests[0]?.headers["accept-encoding"]).toContain("gzip");
  });

  it("fetches the article page only for relevant new items of a fullText source", async () => {
    const server = await feedServer();
    const article = fixtureArticlePage();
    const feed = fixtureFeed("vn-world.rss")
      .toString("utf8")
      .replaceAll("https://vov.vn/the-gioi/", server.url("/the-gioi/"));
    server.route("/vn.rss", { headers: RSS, body: feed });
    server.route("/the-gioi/my-trieu-tien-doi-thoai-post1.vov", {
      headers: { "content-type": "text/html" },
      body: article,
    });
    const h = ingestHarness(tempDir(), { isRelevant: (title) => title.includes("Triều Tiên") });
    await h.run([source("vn", server.url("/vn.rss"), { fullText: true })]);
    const pages = server.requests.filter((r) => r.path.startsWith("/the-gioi/")).map((r) => r.path);
    expect(pages).toEqual(["/the-gioi/my-trieu-tien-doi-thoai-post1.vov"]);
    const text = h.db.prepare("SELECT text FROM items WHERE title LIKE 'Mỹ và Triều Tiên%'").pluck().get() as string;
    expect(text).toContain("Đặc phái viên Mỹ về Triều Tiên Stephen Biegun");
    expect(text).not.toContain("Tin cùng chuyên mục");
  });
});

function fixtureArticlePage(): string {
  return fixtureFeed("../articles/vov-my-trieu-doi-thoai.html").toString("utf8");
}

describe("bad input: a per-source error stored and shown, other sources unaffected, nothing lost", () => {
  const cases: readonly { name: string; route: Parameters<FeedServer["route"]>[1]; error: RegExp }[] = [
    {
      name: "an HTML page instead of a feed",
      route: { headers: { "content-type": "text/html" }, body: fixtureFeed("not-a-feed.html") },
      error: /not a feed: an HTML page/,
    },
    { name: "an empty body", route: { headers: RSS, body: "" }, error: /not a feed: empty body/ },
    {
      name: "a body over the size limit",
      route: { headers: RSS, body: "<rss>".padEnd(200_000, " ") },
      error: /larger than the 65536-byte limit/,
    },
    {
      name: "a gzip body that inflates past the limit",
      route: { headers: { ...RSS, "content-encoding": "gzip" }, body: gzipSync(Buffer.alloc(10_000_000, 32)) },
      error: /larger than the 65536-byte limit/,
    },
    { name: "a server that never answers", route: "hang", error: /no complete answer within 1000 ms/ },
    { name: "a 404", route: { status: 404, body: "gone" }, error: /HTTP 404 Not Found/ },
    { name: "a 500", route: { status: 500, body: "oops" }, error: /HTTP 500 Internal Server Error/ },
    {
      name: "a 429 with Retry-After",
      route: { status: 429, headers: { "retry-after": "120" } },
      error: /asked to wait 2 min: HTTP 429 Too Many Requests/,
    },
    {
      name: "a billion-laughs document",
      route: { headers: RSS, body: fixtureFeed("billion-laughs.xml") },
      error: /not well-formed XML: Invalid character entity/,
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const server = await siteWithGoodFeeds();
      const h = ingestHarness(tempDir());
      const good = source("vn", server.url("/vn.rss"));
      const bad = source("bad", server.url("/bad"));
      server.route("/bad", { headers: RSS, body: fixtureFeed("en-korea.atom") });
      await h.run([good, bad]);
      expect(h.itemStore.count()).toBe(5);

      server.route("/bad", c.route);
      h.advance(60 * 60_000);
      const report = await h.run([bad, good]);
      const badReport = report.sources.find((s) => s.id === "bad");
      expect(badReport?.status).toBe("error");
      expect(badReport?.error).toMatch(c.error);
      expect(report.sources.find((s) => s.id === "vn")?.status).toBe("ok");
      expect(h.sourceStore.get(bad.id)).toMatchObject({ lastStatus: "error", consecutiveFailures: 1 });
      expect(h.sourceStore.get(bad.id)?.lastError).toMatch(c.error);
      expect(h.itemStore.count()).toBe(5);
    });
  }

  it("a redirect loop ends after the redirect limit", async () => {
    const server = await feedServer();
    server.route("/a", { status: 301, headers: { location: "/b" } });
    server.route("/b", { status: 302, headers: { location: server.url("/a") } });
    const h = ingestHarness(tempDir());
    const report = await h.run([source("loop", server.url("/a"))]);
    expect(report.sources[0]).toMatchObject({ status: "error", error: "more than 3 redirects" });
    expect(server.requests).toHaveLength(4);
  });

  it("an external entity is neither fetched nor read", async () => {
    const server = await feedServer();
    const body = fixtureFeed("external-entity.xml").toString("utf8").replace("EXFIL_URL", server.url("/exfil"));
    server.route("/xxe", { headers: RSS, body });
    const h = ingestHarness(tempDir());
    const report = await h.run([source("xxe", server.url("/xxe"))]);
    expect(report.sources[0]?.status).toBe("error");
    expect(server.requests.map((r) => r.path)).toEqual(["/xxe"]);
    expect(h.itemStore.count()).toBe(0);
  });

  it("invalid dates: unparsable or missing become the fetch time, the far future is clamped", async () => {
    const server = await feedServer();
    server.route("/dates", { headers: RSS, body: fixtureFeed("invalid-dates.rss") });
    const h = ingestHarness(tempDir());
    await h.run([source("dates", server.url("/dates"))]);
    const rows = h.db.prepare("SELECT title, published_at FROM items ORDER BY id").all() as {
      title: string;
      published_at: number;
    }[];
    expect(rows).toEqual([
      { title: "Unparsable date", published_at: h.now() },
      { title: "No date at all", published_at: h.now() },
      { title: "From the far future", published_at: h.now() },
      { title: "A real date", published_at: Date.parse("2025-11-22T01:30:00+07:00") },
    ]);
  });

  it("duplicate guids in one feed: the first copy is kept", async () => {
    const server = await feedServer();
    server.route("/dups", { headers: RSS, body: fixtureFeed("duplicate-guids.rss") });
    const h = ingestHarness(tempDir());
    const report = await h.run([source("dups", server.url("/dups"))]);
    expect(report.sources[0]).toMatchObject({ status: "ok", new: 2, seen: 2 });
    expect(h.titles("dups")).toEqual(["First copy", "Another story"]);
  });

  it("a feed whose guids change every fetch: the content hash keeps one copy per story", async () => {
    const server = await feedServer();
    let fetches = 0;
    server.route("/fickle", () => {
      fetches++;
      const feed = fixtureFeed("vn-world.rss")
        .toString("utf8")
        .replace(/<guid isPermaLink="false">g-(\d)<\/guid>/g, `<guid isPermaLink="false">fetch${fetches}-$1</guid>`)
        .replace(/post(\d)\.vov/g, `post$1.vov?session=${fetches}`);
      return { headers: RSS, body: feed };
    });
    const h = ingestHarness(tempDir());
    const sources = [source("fickle", server.url("/fickle"))];
    await h.run(sources);
    const second = await h.run(sources);
    expect(second.sources[0]).toMatchObject({ status: "ok", new: 0, seen: 3 });
    expect(h.itemStore.count()).toBe(3);
  });
});

describe("backoff and pauses", () => {
  it("waits longer after each failure, pauses after N in a row, and says so", async () => {
    const server = await feedServer();
    server.route("/down", { status: 503, body: "" });
    const h = ingestHarness(tempDir());
    const down = source("down", server.url("/down"));
    const first = await h.run([down]);
    expect(first.sources[0]?.error).toBe("HTTP 503 Service Unavailable");
    expect(h.sourceStore.get(down.id)?.pausedUntil).toBe(h.now() + 60_000);

    const skipped = await h.run([down]);
    expect(skipped.sources[0]?.error).toMatch(/^source down skipped for another 60 s \(1 failures; last: HTTP 503/);
    expect(server.requests).toHaveLength(1);

    h.advance(60_000);
    await h.run([down]);
    expect(h.sourceStore.get(down.id)?.pausedUntil).toBe(h.now() + 120_000);
    h.advance(120_000);
    const third = await h.run([down]);
    expect(third.sources[0]?.error).toBe(
      "source down paused for 30 min after 3 failures: HTTP 503 Service Unavailable",
    );
    expect(h.sourceStore.get(down.id)).toMatchObject({ consecutiveFailures: 3, pausedUntil: h.now() + 30 * 60_000 });

    server.route("/down", { headers: RSS, body: fixtureFeed("vn-world.rss") });
    h.advance(30 * 60_000);
    const back = await h.run([down]);
    expect(back.sources[0]).toMatchObject({ status: "ok", new: 3 });
    expect(h.sourceStore.get(down.id)).toMatchObject({ consecutiveFailures: 0, pausedUntil: null, lastError: null });
  });

  it("honours Retry-After: no request before the time the site asked for", async () => {
    const server = await feedServer();
    server.route("/busy", { status: 429, headers: { "retry-after": "600" } });
    const h = ingestHarness(tempDir());
    const busy = source("busy", server.url("/busy"));
    await h.run([busy]);
    h.advance(599_000);
    await h.run([busy]);
    expect(server.requests).toHaveLength(1);
    h.advance(1_000);
    await h.run([busy]);
    expect(server.requests).toHaveLength(2);
  });

  it("one request at a time per host, several hosts at once", async () => {
    const [one, two] = [await feedServer(), await feedServer()];
    for (const server of [one, two]) {
      for (const path of ["/1", "/2", "/3"]) {
        server.route(path, { headers: RSS, body: fixtureFeed("vn-world.rss"), delayMs: 30 });
      }
    }
    const h = ingestHarness(tempDir());
    const sources = [one, two].flatMap((server, s) =>
      ["/1", "/2", "/3"].map((p) => source(`s${s}${p.slice(1)}`, server.url(p))),
    );
    const report = await h.run(sources);
    expect(report.sources.every((s) => s.status === "ok")).toBe(true);
    expect(one.maxConcurrent()).toBe(1);
    expect(two.maxConcurrent()).toBe(1);
  });
});
