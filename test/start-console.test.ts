import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./support/cli.js";
import { useTempDir } from "./support/temp-dir.js";

const tempDir = useTempDir();

function offlineEnv(): Record<string, string> {
  const dir = tempDir();
  const sources = join(dir, "sources.yaml");
  writeFileSync(sources, "sources: []\n");
  return { BANTIN_DB: join(dir, "bantin.db"), BANTIN_SOURCES: sources, BANTIN_LANG: "vi", TELEGRAM_BOT_TOKEN: "" };
}

describe("start --console", () => {
  it("answers each stdin line as a chat message and exits 0 at end of input", async () => {
    const result = await cli(["start", "--console"], offlineEnv(), "/help\n/topics\n/subscribe my-trieu\n/status\n");
    expect(result.stderr).not.toMatch(/at .+\.ts:\d+/);
    expect(result.code).toBe(0);
    const [help, topics, subscribed, status] = result.stdout.trim().split(/\n\n/);
    expect(help).toContain("/subscribe [chủ đề…]");
    expect(topics).toContain("(my-trieu)");
    expect(subscribed).toBe("Đã đăng ký: Quan hệ Mỹ – Triều.");
    expect(status).toContain("Đăng ký: có");
    expect(status).toContain("Bản tin tới: 07:00");
  });

  it("a user's mistakes get short answers, never a stack trace", async () => {
    const input = "/subscribe khong-co-chu-de\n/schedule 99:99\n/timezone Mars/Base\n/lang\nhello\n/frobnicate\n";
    const result = await cli(["start", "--console"], offlineEnv(), input);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/Error|at .+\.ts:\d+/);
    expect(result.stderr).not.toMatch(/at .+\.ts:\d+/);
    const replies = result.stdout.trim().split(/\n\n/);
    expect(replies).toHaveLength(6);
    expect(replies[1]).toContain("“99:99” không phải giờ hợp lệ");
    expect(replies[4]).toBe("Gõ /help để xem các lệnh.");
  });

  it("works with no input at all", async () => {
    const result = await cli(["start", "--console"], offlineEnv(), "");
    expect(result).toMatchObject({ code: 0, stdout: "" });
  });
});
