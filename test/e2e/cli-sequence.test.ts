import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { type FeedServer, useFeedServer } from "../support/feed-server.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const feedServer = useFeedServer();

/**
 * Two outlets on one story, written in the old tone-mark style ("thỏa thuận", "hòa bình")
 * as many outlets still write it, dated within the last hours.
 */
function outletFeed(outlet: string, entries: readonly (readonly [string, string])[]): string {
  const at = (hours: number) => new Date(Date.now() - hours * 3_600_000).toUTCString();
  const items = entries
    .map(
      ([title, lead], i) =>
        `<item><title>${title}</title><link>https://${outlet}.example/bai-${i}.html</link><description>${lead}</description><pubDate>${at(i + 1)}</pubDate></item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${outlet}</title><link>https://${outlet}.example/</link>\n${items}\n</channel></rss>`;
}

async function twoOutlets(): Promise<{ server: FeedServer; env: Record<string, string> }> {
  const server = await feedServer();
  const rss = { "content-type": "application/rss+xml; charset=utf-8" };
  server.route("/a.rss", {
    headers: rss,
    body: outletFeed("bao-a", [
      [
        "Mỹ và Triều Tiên đạt thỏa thuận nối lại đàm phán tại Bàn Môn Điếm",
        "Đặc phái viên Mỹ và người đồng cấp Triều Tiên đạt thỏa thuận nối lại đàm phán hạt nhân tại làng đình chiến Bàn Môn Điếm, vì hòa bình trên bán đảo.",
      ],
    ]),
  });
  server.route("/b.rss", {
    headers: rss,
    body: outletFeed("bao-b", [
      [
        "Thỏa thuận nối lại đàm phán Mỹ - Triều tại Bàn Môn Điếm",
        "Các nhà đàm phán Mỹ và Triều Tiên gặp nhau ở Bàn Môn Điếm, đạt thỏa thuận nối lại đàm phán hạt nhân.",
      ],
    ]),
  });
  const dir = tempDir();
  const sources = join(dir, "sources.yaml");
  writeFileSync(
    sources,
    `sources:\n  - id: bao-a\n    url: ${server.url("/a.rss")}\n    name: Báo A\n  - id: bao-b\n    url: ${server.url("/b.rss")}\n    name: Báo B\n`,
  );
  return { server, env: { BANTIN_DB: join(dir, "bantin.db"), BANTIN_SOURCES: sources, TELEGRAM_BOT_TOKEN: "" } };
}

// Each case spawns the real CLI several times; on a busy two-core machine a spawn can take seconds.
describe("the operator's sequence: ingest --once, then digest", { timeout: 120_000 }, () => {
  it("ingest --once analyses what it stored: the digest that follows shows the event, spelled as the outlets wrote it", async () => {
    const { env } = await twoOutlets();
    const ingest = await cli(["ingest", "--once", "--json"], env);
    expect(ingest.code).toBe(0);
    // The JSON contract is unchanged by the analysis that now follows the pass.
    expect(JSON.parse(ingest.stdout).sources.map((s: { new: number }) => s.new)).toEqual([1, 1]);
    const digest = await cli(["digest", "--format", "json"], env);
    expect(digest.code).toBe(0);
    const doc = JSON.parse(digest.stdout) as { entries: { headline: string; summary: string }[] };
    expect(doc.entries).toHaveLength(1);
    expect(doc.entries[0]!.headline).toContain("thỏa thuận");
    expect(doc.entries[0]!.headline).not.toContain("thoả");
    const text = await cli(["digest"], env);
    expect(text.stdout).toContain("Bàn Môn Điếm");
    expect(text.stdout).not.toMatch(/thoả|hoà bình/);
  });

  it("--no-analyze stores only: the digest stays empty until something analyses", async () => {
    const { env } = await twoOutlets();
    expect((await cli(["ingest", "--once", "--no-analyze"], env)).code).toBe(0);
    const empty = JSON.parse((await cli(["digest", "--format", "json"], env)).stdout) as { entries: unknown[] };
    expect(empty.entries).toEqual([]);
    expect((await cli(["ingest", "--once"], env)).code).toBe(0);
    const full = JSON.parse((await cli(["digest", "--format", "json"], env)).stdout) as { entries: unknown[] };
    expect(full.entries).toHaveLength(1);
  });

  it("search compares tone-mark styles alike: 'hoà' finds the outlet's 'hòa', and the hit shows 'hòa'", async () => {
    const { env } = await twoOutlets();
    expect((await cli(["ingest", "--once"], env)).code).toBe(0);
    const run = await cli(["start", "--console", "--no-samples"], env, "/search hoà bình\n/search thoả thuận\n");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Mỹ và Triều Tiên đạt thỏa thuận");
    expect(run.stdout).not.toContain("Không tìm thấy");
  });
});
