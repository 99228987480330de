import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeBotApi, startFakeBotApi } from "./support/fake-bot-api.js";
import { useTempDir } from "./support/temp-dir.js";

const tempDir = useTempDir();
let fake: FakeBotApi | undefined;
afterEach(async () => {
  await fake?.close();
});

describe("start with TELEGRAM_BOT_TOKEN", () => {
  it("runs the Telegram bot against TELEGRAM_API_ROOT until SIGTERM, then exits 0", async () => {
    fake = await startFakeBotApi();
    const api = fake;
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), "sources: []\n");
    const child = spawn(join("node_modules", ".bin", "tsx"), ["src/cli/main.ts", "start"], {
      env: {
        ...process.env,
        LOG_LEVEL: "warn",
        TELEGRAM_BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.apiRoot,
        BANTIN_DB: join(dir, "bantin.db"),
        BANTIN_SOURCES: join(dir, "sources.yaml"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await api.waitFor(() => api.isPolling(), 30_000);
    api.userSays({ chatId: 77, text: "/subscribe my trieu", languageCode: "vi" });
    await api.waitFor((messages) => messages.length === 1, 10_000);
    expect(api.messagesTo(77)[0]?.plainText).toBe("Đã đăng ký: Quan hệ Mỹ – Triều.");
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/at .+\.ts:\d+/);
  });
});
