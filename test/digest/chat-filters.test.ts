import { describe, expect, it } from "vitest";
import { loadLexicon } from "../../src/config/lexicon.js";
import {
  buildDigest,
  createFilterMatcher,
  type DigestCandidate,
  filterKey,
  renderPlainText,
} from "../../src/digest/index.js";
import { type ChatFilter, eventId, topicId } from "../../src/domain/index.js";

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 21, 0, 30);
const concepts = loadLexicon();

const watch = (phrase: string): ChatFilter => ({ kind: "watch", phrase });
const mute = (phrase: string): ChatFilter => ({ kind: "mute", phrase });

function candidate(id: string, headline: string, topic = "my-trieu"): DigestCandidate {
  return {
    eventId: eventId(id),
    headline,
    summary: `Tóm tắt ${id}.`,
    lang: "vi",
    itemCount: 2,
    outlets: [{ name: "VnExpress", url: `https://vnexpress.net/${id}`, lang: "vi" }],
    topics: [topicId(topic)],
    relevance: 0.8,
    firstSeen: NOW - 5 * HOUR,
    lastSeen: NOW - 2 * HOUR,
  };
}

describe("watches and mutes", () => {
  it("match names ignoring case, diacritics, hyphens and spaces, as whole syllables", () => {
    expect(filterKey("Kim Jong-un")).toBe(filterKey("kim jong un"));
    const m = createFilterMatcher([watch("Kim Jong-un")], []);
    expect(m.judge("KIM JONG UN thăm Nga").watched).toBe("Kim Jong-un");
    expect(m.judge("Ông Kim Jong Un tiếp đoàn").watched).toBe("Kim Jong-un");
    expect(m.judge("Kim Jong-nam").watched).toBeUndefined();
    const place = createFilterMatcher([watch("Yongbyon")], []);
    expect(place.judge("Yongbyonese").watched).toBeUndefined();
    expect(place.judge("tổ hợp hạt nhân yongbyon").watched).toBe("Yongbyon");
  });

  it("a watch on one spelling of a lexicon name matches its spellings in both languages", () => {
    const m = createFilterMatcher([watch("Bình Nhưỡng")], concepts);
    expect(m.judge("Pyongyang rejects Seoul's offer").watched).toBe("Bình Nhưỡng");
    expect(m.judge("binh nhuong bác bỏ").watched).toBe("Bình Nhưỡng");
    expect(createFilterMatcher([watch("Bình Nhưỡng")], []).judge("Pyongyang rejects").watched).toBeUndefined();
  });

  it("a mute wins over a watch", () => {
    const m = createFilterMatcher([watch("Kim Jong-un"), mute("bóng đá")], concepts);
    expect(m.judge("Kim Jong-un xem bóng đá")).toEqual({ muted: true });
  });

  it("in a digest: a watch brings an event in from outside the chat's topics, marked; a mute keeps one out and is counted", () => {
    const candidates = [
      candidate("a", "Triều Tiên phóng tên lửa"),
      candidate("b", "Ngoại trưởng Choe Son-hui thăm Moskva", "nga-trung-trieu"),
      candidate("c", "Tuyển bóng đá Triều Tiên thắng", "my-trieu"),
      candidate("d", "Hàn Quốc bầu cử", "lien-trieu"),
    ];
    const filters = createFilterMatcher([watch("Choe Son-hui"), mute("bóng đá")], concepts);
    const request = { topics: [topicId("my-trieu")], lang: "vi" as const, timezone: "Asia/Ho_Chi_Minh" };
    const doc = buildDigest(candidates, { ...request, since: NOW - 24 * HOUR, filters }, NOW);
    expect(doc.entries.map((e) => [e.eventId, e.watched])).toEqual([
      ["a", undefined],
      ["b", "Choe Son-hui"],
    ]);
    expect(doc.footer).toBe("Đã ẩn 1 tin theo /mute của bạn.");
    const text = renderPlainText(doc);
    expect(text).toContain("2. Ngoại trưởng Choe Son-hui thăm Moskva · 👁 Choe Son-hui");
    const plain = buildDigest(candidates, { ...request, since: NOW - 24 * HOUR }, NOW);
    expect(plain.entries.map((e) => e.eventId)).toEqual(["a", "c"]);
    expect(plain.footer).toBeUndefined();
  });

  it("matching never runs a pattern a user wrote: regex characters are plain text", () => {
    const m = createFilterMatcher([watch("(a+)+$"), mute(".*")], []);
    const long = `${"a".repeat(50_000)}!`;
    expect(m.judge(long)).toEqual({ watched: undefined, muted: false });
  });
});
