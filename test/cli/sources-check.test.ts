import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { useFeedServer } from "../support/feed-server.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const feedServer = useFeedServer();
const RSS = { "content-type": "application/rss+xml; charset=utf-8" };

const feed = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title><link>https://x.example/</link>${items}</channel></rss>`;
const item = (n: number, date?: string) =>
  `<item><title>Tin ${n}</title><link>https://x.example/${n}</link>${date === undefined ? "" : `<pubDate>${date}</pubDate>`}</item>`;

async function setup() {
  const server = await feedServer();
  server.route("/dated.rss", {
    headers: RSS,
    body: feed(item(1, "Mon, 30 Nov 2026 08:00:00 +0700") + item(2, "Tue, 01 Dec 2026 08:10:00 +0000")),
  });
  server.route("/undated.rss", { headers: RSS, body: feed(item(3) + item(4)) });
  server.route("/empty.rss", { headers: RSS, body: feed("") });
  server.route("/page.html", { headers: { "content-type": "text/html" }, body: "<!doctype html><html></html>" });
  const dir = tempDir();
  const sources = join(dir, "sources.yaml");
  const entry = (id: string, path: string, more = "") => `  - id: ${id}\n    url: ${server.url(path)}\n${more}`;
  writeFileSync(
    sources,
    `sources:\n${entry("dated", "/dated.rss", "    lang: en\n    headers: {User-Agent: CheckAgent/1}\n")}${entry("undated", "/undated.rss")}${entry("empty", "/empty.rss")}${entry("moved", "/gone.rss")}${entry("html", "/page.html")}`,
  );
  return { server, sources, db: join(dir, "bantin.db") };
}

describe("bantin sources check", { timeout: 60_000 }, () => {
  it("--json: each source's status, item count, newest date and whether dates are present; nothing stored", async () => {
    const { server, sources, db } = await setup();
    const run = await cli(["sources", "check", "--sources", sources, "--json"], { BANTIN_DB: db });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      sources: [
        {
          id: "dated",
          url: server.url("/dated.rss"),
          status: "ok",
          items: 2,
          newest: "2026-12-01T08:10:00.000Z",
          dated: 2,
          datesPresent: "all",
        },
        {
          id: "undated",
          url: server.url("/undated.rss"),
          status: "ok",
          items: 2,
          newest: null,
          dated: 0,
          datesPresent: "none",
        },
        {
          id: "empty",
          url: server.url("/empty.rss"),
          status: "ok",
          items: 0,
          newest: null,
          dated: 0,
          datesPresent: "none",
        },
        { id: "moved", url: server.url("/gone.rss"), status: "error", error: "HTTP 404 Not Found" },
        { id: "html", url: server.url("/page.html"), status: "error", error: "not a feed: an HTML page" },
      ],
    });
    expect(server.requests.find((r) => r.path === "/dated.rss")?.headers["user-agent"]).toBe("CheckAgent/1");
    expect(existsSync(db)).toBe(false);
  });

  it("as text: one line a source and a total", async () => {
    const { sources } = await setup();
    const run = await cli(["sources", "check", "--sources", sources]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^dated\s+ok\s+2 items\s+newest 2026-12-01 08:10 UTC\s+dates: all$/);
    expect(lines[1]).toMatch(/^undated\s+ok\s+2 items\s+newest: undated\s+dates: none$/);
    expect(lines[3]).toMatch(/^moved\s+error\s+HTTP 404 Not Found$/);
    expect(lines.at(-1)).toBe("5 sources, 3 working, 2 failed");
  });
});
