import { describe, expect, it } from "vitest";
import {
  buildDigest,
  type DigestCandidate,
  detectStrongSignals,
  formatDigestDate,
  refreshBriefing,
} from "../../src/digest/index.js";
import { eventId, topicId } from "../../src/domain/index.js";

const HOUR = 3_600_000;
// Saturday 21 November 2026, 00:30 UTC = 07:30 in Hà Nội, still Friday in New York.
const NOW = Date.UTC(2026, 10, 21, 0, 30);

function candidate(id: string, overrides: Partial<DigestCandidate> = {}): DigestCandidate {
  return {
    eventId: eventId(id),
    headline: `Sự kiện ${id}`,
    summary: `Tóm tắt ${id}.`,
    lang: "vi",
    itemCount: 2,
    outlets: [
      { name: "VnExpress", url: `https://vnexpress.net/${id}`, lang: "vi" },
      { name: "VOV", url: `https://vov.vn/${id}`, lang: "vi" },
    ],
    topics: [topicId("my-trieu")],
    relevance: 0.8,
    firstSeen: NOW - 5 * HOUR,
    lastSeen: NOW - 2 * HOUR,
    ...overrides,
  };
}

const request = { topics: [], lang: "vi" as const, timezone: "Asia/Ho_Chi_Minh", since: NOW - 24 * HOUR };

describe("buildDigest", () => {
  it("dates the header in the reader's zone and language", () => {
    expect(buildDigest([], request, NOW).title).toBe("Thứ Bảy, 21/11/2026");
    expect(formatDigestDate(NOW, "America/New_York", "en")).toBe("Friday, 20 November 2026");
    expect(formatDigestDate(NOW, "Not/AZone", "vi")).toBe("Thứ Bảy, 21/11/2026");
  });

  it("ranks by outlets, freshness and strong signals, and keeps the top N", () => {
    const many = candidate("many", {
      outlets: ["A", "B", "C", "D", "E"].map((n) => ({ name: n, url: `https://${n}.vn/x`, lang: "vi" as const })),
      itemCount: 6,
    });
    const missile = candidate("missile", { headline: "Triều Tiên phóng tên lửa đạn đạo ra biển" });
    const stale = candidate("stale", { lastSeen: NOW - 23 * HOUR });
    const plain = candidate("plain");
    const doc = buildDigest([plain, stale, missile, many], { ...request, maxEntries: 3 }, NOW);
    expect(doc.entries.map((e) => e.eventId)).toEqual(["many", "missile", "plain"]);
    expect(doc.totals).toEqual({ articles: 10, outlets: 7 });
  });

  it("defaults to seven entries", () => {
    const events = Array.from({ length: 12 }, (_, i) => candidate(`e${i}`));
    expect(buildDigest(events, request, NOW).entries).toHaveLength(7);
  });

  it("keeps only the window and the subscriber's topics", () => {
    const old = candidate("old", { lastSeen: NOW - 30 * HOUR });
    const future = candidate("future", { firstSeen: NOW + HOUR, lastSeen: NOW + HOUR });
    const other = candidate("other", { topics: [topicId("kinh-te")] });
    const mine = candidate("mine");
    const doc = buildDigest([old, future, other, mine], { ...request, topics: [topicId("my-trieu")] }, NOW);
    expect(doc.entries.map((e) => e.eventId)).toEqual(["mine"]);
  });

  it("skips events already sent unless they grew, and marks those as updates", () => {
    const sent = new Map([
      ["same", 2],
      ["grown", 2],
    ]);
    const doc = buildDigest(
      [candidate("same"), candidate("grown", { itemCount: 4 }), candidate("new")],
      { ...request, alreadySent: sent },
      NOW,
    );
    expect(doc.entries.map((e) => [e.eventId, e.isUpdate])).toEqual([
      ["grown", true],
      ["new", false],
    ]);
  });

  it("says so when there is nothing new, in the reader's language", () => {
    expect(buildDigest([], request, NOW).footer).toMatch(/Chưa có tin mới/);
    expect(buildDigest([], { ...request, lang: "en" }, NOW).footer).toMatch(/No new stories/);
  });

  it("is deterministic", () => {
    const events = Array.from({ length: 9 }, (_, i) => candidate(`e${i}`, { lastSeen: NOW - (i % 3) * HOUR }));
    expect(buildDigest([...events].reverse(), request, NOW)).toEqual(buildDigest(events, request, NOW));
  });
});

describe("detectStrongSignals", () => {
  it("finds launches, tests, summits, treaties and sanctions in either language", () => {
    expect(detectStrongSignals("Triều Tiên phóng tên lửa")).toEqual(["missile-launch"]);
    expect(detectStrongSignals("Hội nghị thượng đỉnh Mỹ - Triều; Mỹ áp đặt trừng phạt mới")).toEqual([
      "summit",
      "sanctions",
    ]);
    expect(detectStrongSignals("North Korea conducts nuclear test")).toEqual(["nuclear-test"]);
    expect(detectStrongSignals("Giá vàng hôm nay")).toEqual([]);
  });
});

describe("refreshBriefing", () => {
  const sent = buildDigest([candidate("a"), candidate("b")], request, NOW);

  it("is undefined while no entry's event has grown, so nothing is edited", () => {
    const now = new Map([["a", candidate("a")]]);
    expect(refreshBriefing(sent, (id) => now.get(id))).toBeUndefined();
  });

  it("brings a grown entry up to date in its place, keeping the others, the title and the entry's marks", () => {
    const marked = { ...sent, entries: sent.entries.map((e) => (e.eventId === "b" ? { ...e, watched: "VOV" } : e)) };
    const grown = candidate("b", {
      itemCount: 3,
      outlets: [...candidate("b").outlets, { name: "Yonhap", url: "https://en.yna.co.kr/b", lang: "en" }],
    });
    const refreshed = refreshBriefing(marked, (id) => (id === "b" ? grown : candidate(id)));
    expect(refreshed?.title).toBe(sent.title);
    expect(refreshed?.entries.map((e) => [e.eventId, e.articles, e.watched])).toEqual(
      sent.entries.map((e) => [e.eventId, e.eventId === "b" ? 3 : 2, e.eventId === "b" ? "VOV" : undefined]),
    );
    const b = refreshed?.entries.find((e) => e.eventId === "b");
    expect(b?.sources.at(-1)).toEqual({ name: "Yonhap", url: "https://en.yna.co.kr/b", lang: "en" });
    expect(refreshed?.totals).toEqual({ articles: 5, outlets: 3 });
  });
});
