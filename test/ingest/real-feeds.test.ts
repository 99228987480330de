import { describe, expect, it } from "vitest";
import { parseFeedDate } from "../../src/ingest/feed-date.js";
import { useFeedServer } from "../support/feed-server.js";
import { ingestHarness, source } from "../support/ingest-harness.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const feedServer = useFeedServer();
const RSS = { "content-type": "application/rss+xml; charset=utf-8" };

/** An RSS 2.0 document with one entry per [title, pubDate or undefined]. */
function rss(entries: readonly (readonly [string, string | undefined])[]): string {
  const items = entries
    .map(
      ([title, date], i) =>
        `<item><title>${title}</title><link>https://news.example/${encodeURIComponent(title)}.html</link>${
          date === undefined ? "" : `<pubDate>${date}</pubDate>`
        }<description>Tin về Triều Tiên: ${title}, số ${i}.</description></item>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed</title><link>https://zingnews.vn/</link>${items}</channel></rss>`;
}

const publishedOf = (db: ReturnType<typeof ingestHarness>["db"], title: string) =>
  db.prepare("SELECT published_at FROM items WHERE title = ?").pluck().get(title) as number;

describe("dates written without a zone are the source's own clock", () => {
  it("Zing's '2/18/2017 11:21:09 PM' is Vietnam time for a Vietnamese source, UTC for an English one, the source's tz when set", async () => {
    const server = await feedServer();
    server.route("/zing", { headers: RSS, body: rss([["Zing", "2/18/2017 11:21:09 PM"]]) });
    server.route("/wire", { headers: RSS, body: rss([["Wire", "2/18/2017 11:21:09 PM"]]) });
    server.route("/seoul", { headers: RSS, body: rss([["Seoul", "2017-02-18 23:21:09"]]) });
    const h = ingestHarness(tempDir());
    await h.run([
      source("zing", server.url("/zing")),
      source("wire", server.url("/wire"), { lang: "en" }),
      source("seoul", server.url("/seoul"), { lang: "en", tz: "Asia/Seoul" }),
    ]);
    expect(publishedOf(h.db, "Zing")).toBe(Date.parse("2017-02-18T23:21:09+07:00"));
    expect(publishedOf(h.db, "Wire")).toBe(Date.parse("2017-02-18T23:21:09Z"));
    expect(publishedOf(h.db, "Seoul")).toBe(Date.parse("2017-02-18T23:21:09+09:00"));
  });

  it("a date that names its zone keeps it, whatever the source's tz", () => {
    const hcm = "Asia/Ho_Chi_Minh";
    expect(parseFeedDate("Sat, 18 Feb 2017 23:21:09 +0900", hcm)).toBe(Date.parse("2017-02-18T23:21:09+09:00"));
    expect(parseFeedDate("Sat, 18 Feb 2017 23:21:09 GMT", hcm)).toBe(Date.parse("2017-02-18T23:21:09Z"));
    expect(parseFeedDate("2017-02-18T23:21:09Z", hcm)).toBe(Date.parse("2017-02-18T23:21:09Z"));
    expect(parseFeedDate("2017-02-18T23:21:09+07:00", "UTC")).toBe(Date.parse("2017-02-18T23:21:09+07:00"));
    // Zone names Date.parse does not know, as Korean and Vietnamese outlets write them.
    expect(parseFeedDate("Sat, 18 Feb 2017 23:21:09 KST", "UTC")).toBe(Date.parse("2017-02-18T23:21:09+09:00"));
    expect(parseFeedDate("Sat, 18 Feb 2017 23:21:09 ICT", "UTC")).toBe(Date.parse("2017-02-18T23:21:09+07:00"));
    expect(parseFeedDate("Sat, 18 Feb 2017 23:21:09", hcm)).toBe(Date.parse("2017-02-18T23:21:09+07:00"));
    expect(parseFeedDate("not a date", hcm)).toBeUndefined();
  });
});

describe("per-source request headers", () => {
  it("a source's headers are sent with its feed request, its User-Agent instead of ours; other sources keep ours", async () => {
    const server = await feedServer();
    server.route("/herald", { headers: RSS, body: rss([["Herald", "Sat, 18 Feb 2017 23:21:09 +0900"]]) });
    server.route("/plain", { headers: RSS, body: rss([["Plain", "Sat, 18 Feb 2017 23:21:09 +0900"]]) });
    const h = ingestHarness(tempDir());
    await h.run([
      source("herald", server.url("/herald"), {
        headers: { "User-Agent": "Mozilla/5.0 (compatible; BantinBot/0.1)", "Accept-Language": "en" },
      }),
      source("plain", server.url("/plain")),
    ]);
    const sent = (path: string) => server.requests.find((r) => r.path === path)?.headers;
    expect(sent("/herald")?.["user-agent"]).toBe("Mozilla/5.0 (compatible; BantinBot/0.1)");
    expect(sent("/herald")?.["accept-language"]).toBe("en");
    expect(sent("/herald")?.["accept-encoding"]).toContain("gzip");
    expect(sent("/plain")?.["user-agent"]).toBe("BantinTest/1 (+loopback)");
  });
});

describe("feeds without dates, and empty feeds", () => {
  it("an undated item takes the time it was first seen and keeps it: never re-dated, never new again", async () => {
    const server = await feedServer();
    server.route("/tuoitre", { headers: RSS, body: rss([["Không ngày", undefined]]) });
    const h = ingestHarness(tempDir());
    const sources = [source("tuoitre", server.url("/tuoitre"))];
    const first = await h.run(sources);
    const seenAt = h.now();
    expect(first.sources[0]).toMatchObject({ status: "ok", new: 1 });
    h.advance(6 * 3_600_000);
    const later = await h.run(sources);
    expect(later.sources[0]).toMatchObject({ status: "ok", new: 0, seen: 1 });
    expect(publishedOf(h.db, "Không ngày")).toBe(seenAt);
    expect(h.itemStore.count()).toBe(1);
  });

  it("an empty, valid feed is ok with 0 items, and never counts toward a pause", async () => {
    const server = await feedServer();
    server.route("/38north", { headers: RSS, body: rss([]) });
    const h = ingestHarness(tempDir());
    const sources = [source("38north", server.url("/38north"), { lang: "en" })];
    for (let pass = 0; pass < 5; pass++) {
      const report = await h.run(sources);
      expect(report.sources[0]).toMatchObject({ status: "ok", new: 0, seen: 0 });
      h.advance(15 * 60_000);
    }
    expect(h.sourceStore.fetchState(sources[0]!.id)).toMatchObject({ consecutiveFailures: 0, pausedUntil: null });
  });
});
