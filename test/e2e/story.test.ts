import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { expectNoStackTracesAfterAll } from "../support/process-output.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
expectNoStackTracesAfterAll();

describe("/story through the console, on the bundled samples", { timeout: 120_000 }, () => {
  it("right after /digest, /story 1 is its first entry's timeline; words find a story; a bad number says the range", async () => {
    const dir = tempDir();
    const env = { BANTIN_DB: join(dir, "bantin.db"), TELEGRAM_BOT_TOKEN: "" };
    const run = await cli(["start", "--console"], env, "/digest 7d\n/story 1\n/story 99\n/story Bàn Môn Điếm\n");
    expect(run.code).toBe(0);
    const digestFirst = /^1\. (.+)$/m.exec(run.stdout)?.[1];
    expect(digestFirst).toBeDefined();
    const stories = run.stdout.split("📜 Diễn biến: ").slice(1);
    expect(stories).toHaveLength(2);
    // The first entry's story: its reports, oldest first, from several outlets in both languages.
    const first = stories[0] ?? "";
    const reports = first.split("\n").filter((l) => /^\d\d\/\d\d \d\d:\d\d · /.test(l));
    expect(reports.length).toBeGreaterThanOrEqual(3);
    const times = reports.map((l) => l.slice(0, 11));
    expect([...times].sort((a, b) => a.slice(3, 5).localeCompare(b.slice(3, 5)) || a.localeCompare(b))).toEqual(times);
    expect(reports.some((l) => l.includes("(EN)"))).toBe(true);
    expect(first).toContain("Cập nhật: nguồn mới");
    expect(run.stdout).toMatch(/Bản tin vừa nhận có \d+ tin; chọn từ 1 đến \d+\./);
    expect(stories[1]).toMatch(/Bàn Môn Điếm|Panmunjom/);
  });
});
