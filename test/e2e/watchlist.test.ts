import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { expectNoStackTracesAfterAll } from "../support/process-output.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
expectNoStackTracesAfterAll();

/** The numbered entry lines of every digest the console printed, digest by digest. */
function digests(stdout: string): string[][] {
  return stdout
    .split("📰")
    .slice(1)
    .map((d) => d.split("\n").filter((l) => /^\d+\. /.test(l)));
}

describe("watches and mutes through the console, on the bundled samples", { timeout: 120_000 }, () => {
  it("a watched name (in another language's spelling) brings its event in, marked; a muted phrase takes one out, counted", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bantin.yaml"), "digest:\n  maxEntries: 20\n");
    const env = { BANTIN_DB: join(dir, "bantin.db"), BANTIN_CONFIG: join(dir, "bantin.yaml"), TELEGRAM_BOT_TOKEN: "" };
    const input = [
      "/subscribe viet-nam-hai-mien",
      "/digest 7d",
      "/watch Panmunjom",
      "/mute kim ngạch thương mại",
      "/digest 7d",
      "/unmute all",
      "/unwatch panmunjom",
      "/digest 7d",
      "",
    ].join("\n");
    const run = await cli(["start", "--console"], env, input);
    expect(run.code).toBe(0);
    const [before, filtered, after] = digests(run.stdout);
    const panmunjom = /Bàn Môn Điếm/;
    const vietnamKorea = /Việt Nam - Hàn Quốc/;
    expect(before?.some((l) => vietnamKorea.test(l))).toBe(true);
    expect(before?.some((l) => panmunjom.test(l))).toBe(false);
    // "Panmunjom" is the lexicon's English spelling of Bàn Môn Điếm: the Vietnamese report matches.
    expect(filtered?.filter((l) => panmunjom.test(l))).toEqual([expect.stringMatching(/· 👁 Panmunjom$/)]);
    expect(filtered?.some((l) => vietnamKorea.test(l))).toBe(false);
    expect(run.stdout).toContain("Đã ẩn 1 tin theo /mute của bạn.");
    expect(after).toEqual(before);
  });
});
