import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSources } from "../../src/config/sources.js";
import { cli } from "../support/cli.js";
import { useFeedServer } from "../support/feed-server.js";
import { fixtureFeed } from "../support/ingest-harness.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const feedServer = useFeedServer();

async function setup() {
  const server = await feedServer();
  server.route("/vn.rss", { headers: { "content-type": "application/rss+xml" }, body: fixtureFeed("vn-world.rss") });
  const dir = tempDir();
  const sources = join(dir, "sources.yaml");
  writeFileSync(
    sources,
    `sources:\n  - id: vn\n    url: ${server.url("/vn.rss")}\n  - id: gone\n    url: ${server.url("/gone.rss")}\n    lang: en\n`,
  );
  return { server, sources, db: join(dir, "bantin.db") };
}

// Each case spawns the real CLI; on a busy two-core machine a spawn can take seconds.
describe("bantin ingest --once", { timeout: 90_000 }, () => {
  it("--json prints exactly docs/cli.md's shape and exits 0 although one source failed", async () => {
    const { server, sources, db } = await setup();
    const run = await cli(["ingest", "--once", "--sources", sources, "--db", db, "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      sources: [
        { id: "vn", url: server.url("/vn.rss"), status: "ok", new: 3, seen: 3 },
        { id: "gone", url: server.url("/gone.rss"), status: "error", new: 0, seen: 0, error: "HTTP 404 Not Found" },
      ],
    });
    const again = await cli(["ingest", "--once", "--sources", sources, "--db", db, "--json"]);
    expect(JSON.parse(again.stdout).sources[0]).toEqual({
      id: "vn",
      url: server.url("/vn.rss"),
      status: "ok",
      new: 0,
      seen: 3,
    });
  });

  it("without --json: a table per source with new, seen, status and time", async () => {
    const { sources, db } = await setup();
    const run = await cli(["ingest", "--once", "--sources", sources, "--db", db]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^source\s+new\s+seen\s+status\s+time\s+error$/);
    expect(lines[1]).toMatch(/^vn\s+3\s+3\s+ok\s+\d+\.\d s$/);
    expect(lines[2]).toMatch(/^gone\s+0\s+0\s+error\s+\d+\.\d s\s+HTTP 404 Not Found$/);
    expect(lines[3]).toBe("2 sources, 3 new items, 1 failed");
  });

  it("cannot run: a bad sources file exits non-zero with the reason", async () => {
    const dir = tempDir();
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "sources:\n  - id: x\n    url: nope\n");
    const run = await cli(["ingest", "--once", "--sources", bad, "--db", join(dir, "b.db")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${bad}: sources[0].url: expected an absolute http(s) URL`);
  });
});

describe("bantin sources", { timeout: 90_000 }, () => {
  it("list shows health: status, failures in a row, paused until and the last error", async () => {
    const { server, sources, db } = await setup();
    server.route("/gone.rss", { status: 503 });
    const env = { BANTIN_CONFIG: join(tempDir(), "absent.yaml") };
    await cli(["ingest", "--once", "--sources", sources, "--db", db], env);
    const list = await cli(["sources", "list", "--sources", sources, "--db", db]);
    expect(list.code).toBe(0);
    const [vn, gone] = list.stdout.trim().split("\n");
    expect(vn).toMatch(/^vn\s+ok\s+0 failures\s+3 items\s+last ok \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(gone).toMatch(/^gone\s+error\s+1 failures\s+0 items\s+paused until .+ UTC\s+HTTP 503 Service Unavailable$/);
  });

  it("add and remove edit the sources file, keeping its comments", async () => {
    const dir = tempDir();
    const file = join(dir, "sources.yaml");
    writeFileSync(file, "# our feeds\nsources:\n  - id: a\n    url: https://a.test/feed\n");
    const added = await cli(["sources", "add", "b", "https://b.test/rss", "--lang", "en", "--sources", file]);
    expect(added.code).toBe(0);
    const list = await cli(["sources", "list", "--sources", file, "--db", join(dir, "x.db"), "--json"]);
    expect(JSON.parse(list.stdout).sources.map((s: { id: string; lang: string }) => [s.id, s.lang])).toEqual([
      ["a", "vi"],
      ["b", "en"],
    ]);
    const duplicate = await cli(["sources", "add", "b", "https://b.test/other", "--sources", file]);
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toContain('a source with id "b" exists');
    expect((await cli(["sources", "remove", "a", "--sources", file])).code).toBe(0);
    expect(readFileSync(file, "utf8")).toMatch(/^# our feeds\nsources:\n {2}- id: b\n/);
  });

  it("export prints OPML 2.0 that import turns back into the same sources file", async () => {
    const exported = await cli(["sources", "export", "--sources", "config/sources.yaml"]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
    const dir = tempDir();
    const opml = join(dir, "feeds.opml");
    writeFileSync(opml, exported.stdout);
    const file = join(dir, "sources.yaml");
    const imported = await cli(["sources", "import", opml, "--sources", file]);
    expect(imported.stdout.trim()).toBe(`imported 16 feeds into ${file} (0 already there)`);
    expect(loadSources(file)).toEqual(loadSources("config/sources.yaml"));
  });
});
