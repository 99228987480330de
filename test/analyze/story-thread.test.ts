import { describe, expect, it } from "vitest";
import { createStoryThreads } from "../../src/analyze/story-thread.js";
import { loadLexicon } from "../../src/config/lexicon.js";
import {
  MAX_STORY_THREAD_EVENTS,
  type StoryThreadEvent,
  type StoryThreadReport,
} from "../../src/domain/story-thread.js";

const threads = createStoryThreads(loadLexicon());
const DAY = 86_400_000;
// The second Trump–Kim summit opened in Hanoi on 27 February 2019.
const SUMMIT = Date.parse("2019-02-27T11:00:00Z");

const vi = (title: string, lead = ""): StoryThreadReport => ({ title, lead, lang: "vi" });
const en = (title: string, lead = ""): StoryThreadReport => ({ title, lead, lang: "en" });
const anEvent = (id: string, firstSeen: number, ...reports: StoryThreadReport[]): StoryThreadEvent => ({
  id,
  firstSeen,
  reports,
});

const summit = anEvent(
  "ev-summit",
  SUMMIT,
  en(
    "Trump, Kim open second summit in Hanoi",
    "U.S. President Donald Trump and North Korean leader Kim Jong-un began their second summit on Wednesday, after talks led by envoys Stephen Biegun and Kim Hyok-chol.",
  ),
  vi("Thượng đỉnh Mỹ - Triều lần hai khai mạc tại Hà Nội"),
);
const prepTalks = anEvent(
  "ev-prep",
  SUMMIT - 6 * DAY,
  vi(
    "Đặc phái viên Biegun gặp ông Kim Hyok-chol tại Hà Nội",
    "Đặc phái viên Mỹ về Triều Tiên Stephen Biegun bắt đầu đàm phán với đại diện Triều Tiên Kim Hyok-chol.",
  ),
);
const linkedIds = (target: StoryThreadEvent, candidates: readonly StoryThreadEvent[]) =>
  threads.earlier(target, candidates).map((l) => l.eventId);

describe("the earlier events of a story's thread", () => {
  it("links preparation talks to the summit by the envoys they share, in either language's spelling", () => {
    const links = threads.earlier(summit, [prepTalks]);
    expect(links).toEqual([
      {
        eventId: "ev-prep",
        shared: [
          { id: "kim-hyok-chol", vi: "Kim Hyok-chol", en: "Kim Hyok-chol" },
          { id: "stephen-biegun", vi: "Stephen Biegun", en: "Stephen Biegun" },
        ],
      },
    ]);
  });

  it("links nothing by countries, capitals, heads of state or topic words, which every story names", () => {
    const launch = anEvent(
      "ev-launch",
      SUMMIT - 3 * DAY,
      vi(
        "Triều Tiên phóng tên lửa, Mỹ lên án",
        "Chủ tịch Kim Jong-un theo dõi vụ phóng tên lửa; Tổng thống Mỹ Donald Trump nói sẽ gặp ông tại Hà Nội.",
      ),
      en("North Korea fires missile as Trump heads to Vietnam for talks with Kim"),
    );
    expect(threads.namesOf(launch)).toEqual(new Set());
    expect(linkedIds(summit, [launch])).toEqual([]);
  });

  it("takes only events that began before the story's first report, and at most 30 days before it", () => {
    const after = anEvent("ev-after", SUMMIT + DAY, en("Biegun briefs Seoul on what Kim Hyok-chol said"));
    const sameMoment = anEvent("ev-same", SUMMIT, en("Biegun and Kim Hyok-chol at the summit"));
    const monthAgo = anEvent("ev-month", SUMMIT - 30 * DAY, en("Biegun names Kim Hyok-chol his counterpart"));
    const tooOld = anEvent("ev-old", SUMMIT - 31 * DAY, en("Biegun meets Kim Hyok-chol in Pyongyang"));
    expect(linkedIds(summit, [after, sameMoment, monthAgo, tooOld, summit])).toEqual(["ev-month"]);
  });

  it("ranks the events sharing more names first, then the more recent, and keeps the strongest few", () => {
    const oneName = (k: number) => anEvent(`ev-one-${k}`, SUMMIT - (k + 1) * DAY, en(`Biegun speaks (${k})`));
    const bothOld = anEvent("ev-both", SUMMIT - 20 * DAY, en("Biegun to meet Kim Hyok-chol"));
    const candidates = [...Array.from({ length: 8 }, (_, k) => oneName(k)), bothOld];
    expect(linkedIds(summit, candidates)).toEqual(["ev-both", "ev-one-0", "ev-one-1", "ev-one-2", "ev-one-3"]);
    expect(MAX_STORY_THREAD_EVENTS).toBe(5);
  });

  it("finds no thread for a story naming nothing specific", () => {
    const vague = anEvent("ev-vague", SUMMIT, vi("Mỹ và Triều Tiên nối lại đàm phán"));
    expect(linkedIds(vague, [prepTalks])).toEqual([]);
  });
});
