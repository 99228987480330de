import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { useFeedServer } from "../support/feed-server.js";
import { expectNoStackTracesAfterAll } from "../support/process-output.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const feedServer = useFeedServer();
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

interface FeedItem {
  readonly daysAgo: number;
  readonly title: string;
  readonly lead: string;
}

const HANOI_THREAD: Readonly<Record<"tin-viet" | "korea-wire", { lang: "vi" | "en"; items: FeedItem[] }>> = {
  "tin-viet": {
    lang: "vi",
    items: [
      {
        daysAgo: 6,
        title: "Đặc phái viên Mỹ Stephen Biegun gặp ông Kim Hyok-chol tại Hà Nội",
        lead: "Đặc phái viên Mỹ về Triều Tiên Stephen Biegun và đại diện Triều Tiên Kim Hyok-chol bắt đầu đàm phán cấp làm việc để chuẩn bị cuộc gặp thượng đỉnh.",
      },
      {
        daysAgo: 4,
        title: "Triều Tiên phóng tên lửa đạn đạo, Mỹ lên án",
        lead: "Triều Tiên phóng hai tên lửa đạn đạo tầm ngắn ra biển; Tổng thống Mỹ Donald Trump nói vẫn sẽ gặp Chủ tịch Kim Jong-un.",
      },
      {
        daysAgo: 0.1,
        title: "Thượng đỉnh Mỹ - Triều lần hai khai mạc tại khách sạn Metropole",
        lead: "Tổng thống Mỹ Donald Trump và Chủ tịch Triều Tiên Kim Jong-un bắt đầu cuộc gặp tại Hà Nội, sau các vòng đàm phán giữa ông Stephen Biegun và ông Kim Hyok-chol.",
      },
    ],
  },
  "korea-wire": {
    lang: "en",
    items: [
      {
        daysAgo: 5.9,
        title: "U.S. envoy Biegun, N. Korea's Kim Hyok-chol begin working-level talks in Hanoi",
        lead: "U.S. special representative Stephen Biegun and his North Korean counterpart Kim Hyok-chol began talks in Hanoi to prepare next week's summit between Donald Trump and Kim Jong-un.",
      },
      {
        daysAgo: 0.2,
        title: "Trump, Kim open second summit with dinner at Hanoi's Metropole hotel",
        lead: "U.S. President Donald Trump and North Korean leader Kim Jong-un began their second summit with a dinner at the Metropole hotel, after talks led by envoys Stephen Biegun and Kim Hyok-chol.",
      },
    ],
  },
};

const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function feedOf(outlet: string, items: readonly FeedItem[], now: number): string {
  const entries = items.map(
    (item, i) =>
      `<item><title>${xmlText(item.title)}</title><link>https://${outlet}.example/tin-${i}</link><description>${xmlText(item.lead)}</description><pubDate>${new Date(now - item.daysAgo * 86_400_000).toUTCString()}</pubDate></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${outlet}</title><link>https://${outlet}.example/</link>\n${entries.join("\n")}\n</channel></rss>`;
}

describe("/story through the console, on a thread of two events", { timeout: 120_000 }, () => {
  it("after the summit's timeline come the envoys' preparation talks six days before, tied by the names they share", async () => {
    const server = await feedServer();
    const dir = tempDir();
    const now = Date.now();
    const sources = Object.entries(HANOI_THREAD).map(([id, feed]) => {
      server.route(`/${id}.rss`, {
        headers: { "content-type": "application/rss+xml; charset=utf-8" },
        body: feedOf(id, feed.items, now),
      });
      return `  - id: ${id}\n    url: ${server.url(`/${id}.rss`)}\n    name: ${id}\n    lang: ${feed.lang}\n`;
    });
    writeFileSync(join(dir, "sources.yaml"), `sources:\n${sources.join("")}`);
    const env = {
      BANTIN_DB: join(dir, "bantin.db"),
      BANTIN_SOURCES: join(dir, "sources.yaml"),
      BANTIN_TZ: "Asia/Ho_Chi_Minh",
      TELEGRAM_BOT_TOKEN: "",
    };
    const run = await cli(["start", "--console", "--no-samples"], env, "/story Metropole\n");
    expect(run.code).toBe(0);
    const [timeline, thread] = (run.stdout.split("📜 Diễn biến: ")[1] ?? "").split("🧵 Trước đó cùng mạch tin:\n");
    // The summit: two reports, one per outlet, both languages.
    expect(timeline?.split("\n").filter((l) => /^\d\d\/\d\d \d\d:\d\d · /.test(l))).toEqual([
      expect.stringContaining("korea-wire (EN) · Trump, Kim open second summit"),
      expect.stringContaining("tin-viet · Thượng đỉnh Mỹ - Triều lần hai"),
    ]);
    const talksDay = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Ho_Chi_Minh",
      day: "2-digit",
      month: "2-digit",
    }).format(now - 6 * 86_400_000);
    // The talks are one event of both outlets, headed in Vietnamese; the launch four days ago
    // shares only the country, the leaders and the missile, so it is no part of the thread.
    expect(thread?.split("\n").filter((l) => l.startsWith("• "))).toEqual([
      `• ${talksDay} · Đặc phái viên Mỹ Stephen Biegun gặp ông Kim Hyok-chol tại Hà Nội — 2 bài, 2 nguồn · chung: Kim Hyok-chol, Stephen Biegun`,
    ]);
  });
});
