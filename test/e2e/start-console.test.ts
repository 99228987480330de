import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { expectNoStackTracesAfterAll } from "../support/process-output.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
expectNoStackTracesAfterAll();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function rss(base: string): string {
  const at = (hours: number) => new Date(Date.now() - hours * 3600_000).toUTCString();
  const item = (n: number, title: string, lead: string, hours: number) =>
    `<item><title>${title}</title><link>${base}/bai-${n}.html</link><description>${lead}</description><pubDate>${at(hours)}</pubDate><guid>bai-${n}</guid></item>`;
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo thử</title><link>${base}</link><description>thử</description>
${item(1, "Triều Tiên phóng tên lửa đạn đạo xuống vùng biển phía Đông", "Bộ Tham mưu Liên quân Hàn Quốc cho biết Triều Tiên đã phóng một tên lửa đạn đạo tầm ngắn từ gần Bình Nhưỡng.", 2)}
${item(2, "Hàn Quốc, Mỹ và Nhật Bản lên án vụ phóng tên lửa của Triều Tiên", "Seoul, Washington và Tokyo lên án vụ phóng tên lửa đạn đạo của Bình Nhưỡng, vi phạm nghị quyết Hội đồng Bảo an.", 1)}
${item(3, "Giá vàng hôm nay tăng mạnh", "Giá vàng trong nước tăng theo thế giới.", 1)}
</channel></rss>`;
}

/** A sources file for one loopback feed (or none), a fresh database, and no platform token. */
async function offlineEnv(withFeed = false): Promise<Record<string, string>> {
  const dir = tempDir();
  const sources = join(dir, "sources.yaml");
  if (withFeed) {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
      res.end(rss(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.rss`;
    writeFileSync(sources, `sources:\n  - id: bao-thu\n    url: ${url}\n    name: Báo Thử\n    lang: vi\n`);
  } else writeFileSync(sources, "sources: []\n");
  return { BANTIN_DB: join(dir, "bantin.db"), BANTIN_SOURCES: sources, BANTIN_LANG: "vi", TELEGRAM_BOT_TOKEN: "" };
}

describe("start --console", () => {
  it("answers each stdin line as a chat message and exits 0 at end of input", async () => {
    const result = await cli(
      ["start", "--console"],
      await offlineEnv(),
      "/help\n/topics\n/subscribe my-trieu\n/status\n",
    );
    expect(result.stderr).not.toMatch(/at .+\.ts:\d+/);
    expect(result.code).toBe(0);
    const [help, topics, subscribed, status] = result.stdout.trim().split(/\n\n/);
    expect(help).toContain("/subscribe [chủ đề…]");
    expect(topics).toContain("(my-trieu)");
    expect(subscribed).toBe("Đã đăng ký: Quan hệ Mỹ – Triều.");
    expect(status).toContain("Đăng ký: có");
    expect(status).toContain("Bản tin tới: 07:00");
  });

  it("ingests and analyses at start, so /digest and /search answer from the news just read", async () => {
    const result = await cli(["start", "--console"], await offlineEnv(true), "/digest\n/search trieu tien\n/sources\n");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Triều Tiên phóng tên lửa");
    expect(result.stdout).not.toContain("Giá vàng");
    expect(result.stdout).toContain("Kết quả cho “trieu tien”:");
    expect(result.stdout).toContain("• Báo Thử: tốt");
  });

  it("a user's mistakes get short answers, never a stack trace", async () => {
    const input = "/subscribe khong-co-chu-de\n/schedule 99:99\n/timezone Mars/Base\n/lang\nhello\n/frobnicate\n";
    const result = await cli(["start", "--console"], await offlineEnv(), input);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/Error|at .+\.ts:\d+/);
    expect(result.stderr).not.toMatch(/at .+\.ts:\d+/);
    const replies = result.stdout.trim().split(/\n\n/);
    expect(replies).toHaveLength(6);
    expect(replies[1]).toContain("“99:99” không phải giờ hợp lệ");
    expect(replies[4]).toBe("Gõ /help để xem các lệnh.");
  });

  it("works with no input at all", async () => {
    const result = await cli(["start", "--console"], await offlineEnv(), "");
    expect(result).toMatchObject({ code: 0, stdout: "" });
  });
});
