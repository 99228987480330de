import { describe, expect, it } from "vitest";
import { clusterItems } from "../../src/analyze/cluster-items.js";
import { DEFAULT_CLUSTER_TUNING } from "../../src/analyze/event-clusterer.js";
import { addFacts, emptyFacts } from "../../src/analyze/event-contradiction.js";
import { createEventLexicon } from "../../src/analyze/event-lexicon.js";
import type { Statement } from "../../src/analyze/event-statements.js";
import { sameMeetingStory } from "../../src/analyze/meeting-story.js";
import { loadLexicon } from "../../src/config/lexicon.js";
import { realDay } from "../fixtures/labelled/labelled-sets.js";

const H = 3_600_000;

/** An event's facts from reports that each name `countries` and say `says`. */
function event(countries: string[], says: Statement[], reports = 2) {
  const facts = emptyFacts();
  for (let k = 0; k < reports; k++) {
    addFacts(facts, {
      dates: new Set(),
      weekdays: new Set(),
      exclusive: new Map(),
      countries: new Set(countries),
      says: new Set(says),
    });
  }
  return facts;
}

describe("parts of one meeting story", () => {
  it("are events of the same parties where one is the leaders meeting and the other says nothing else happened", () => {
    const talks = event(["north-korea", "vietnam"], ["talks"]);
    expect(sameMeetingStory(talks, event(["north-korea", "vietnam"], []))).toBe(true);
    expect(sameMeetingStory(event(["north-korea", "vietnam", "united-states"], []), talks)).toBe(true);
  });

  it("are not a demolition and a summit called off between the same two countries", () => {
    const dismantled = event(["north-korea", "united-states"], ["dismantled", "talks"]);
    const cancelled = event(["north-korea", "united-states"], ["talks", "cancelled"]);
    expect(sameMeetingStory(dismantled, cancelled)).toBe(false);
  });

  it("are not one government's measure and talks between the same two countries", () => {
    // Seoul ending GSOMIA in 2019, and the Tokyo summit of 2023 that restored it, on one busy day.
    const measure = event(["south-korea", "japan"], ["by:south-korea"]);
    const summit = event(["south-korea", "japan"], ["talks"]);
    expect(sameMeetingStory(measure, summit)).toBe(false);
    expect(sameMeetingStory(summit, measure)).toBe(false);
  });

  it("are not two events of which neither is a meeting (a launch and a warning)", () => {
    expect(sameMeetingStory(event(["north-korea", "japan"], ["missile"]), event(["north-korea", "japan"], []))).toBe(
      false,
    );
  });

  it("are not meetings of other parties, nor of one country alone", () => {
    const talks = event(["north-korea", "vietnam"], ["talks"]);
    expect(sameMeetingStory(talks, event(["north-korea", "china"], ["talks"]))).toBe(false);
    expect(sameMeetingStory(talks, event(["vietnam"], []))).toBe(false);
  });
});

describe("a visit told in its parts, on the real-day tuning set", () => {
  const lexicon = createEventLexicon(loadLexicon());
  const day = realDay("tune").map((i) => i.article);
  const idOf = (title: string) => day.find((a) => a.title.startsWith(title))!.id;
  const talks = idOf("Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng hội đàm");
  const wreath = idOf("Chủ tịch Kim Jong Un đặt vòng hoa");
  const leaves = idOf("Kim Jong Un leaves Vietnam by train");

  it("is one event: the talks, the wreath at the memorial and the departure by train", () => {
    const r = clusterItems(day, { lexicon });
    expect(r.eventOf.get(wreath)).toBe(r.eventOf.get(talks));
    expect(r.eventOf.get(leaves)).toBe(r.eventOf.get(talks));
    // The parts share the visit's parties and hours, hardly its words: without the meeting story
    // (and without a lone report joining the story closest to it) they stay apart.
    const apart = clusterItems(day, {
      lexicon,
      tuning: { ...DEFAULT_CLUSTER_TUNING, meetingShare: 99, orphanShare: 99, orphanPartShare: 99 },
    });
    expect(apart.eventOf.get(wreath)).not.toBe(apart.eventOf.get(talks));
  });

  it("takes in no other meeting of the same parties when several share its hours", () => {
    const at = Date.UTC(2019, 2, 1, 11);
    const others = [
      [
        "Chủ tịch Quốc hội Nguyễn Thị Kim Ngân tiếp Đại sứ Triều Tiên",
        "Bà Nguyễn Thị Kim Ngân tiếp Đại sứ CHDCND Triều Tiên tại Hà Nội, bàn về giao lưu nghị viện.",
      ],
      [
        "Bộ trưởng Nông nghiệp Việt Nam hội đàm với đoàn Triều Tiên về giống lúa",
        "Hai bên ký biên bản ghi nhớ hợp tác chọn tạo giống lúa năng suất cao.",
      ],
      [
        "Vietnam, North Korea trade ministers discuss rice exports in Hanoi",
        "Vietnam's trade minister met a North Korean delegation to discuss rice exports and payment channels.",
      ],
      [
        "Vietnamese, North Korean Red Cross societies meet on flood relief",
        "The Red Cross societies of Vietnam and North Korea held talks on flood relief cooperation.",
      ],
    ].map(([title, lead], k) => ({ id: `other-${k}`, title: title!, lead: lead!, text: "", publishedAt: at + k * H }));
    const r = clusterItems([...day, ...others], { lexicon });
    // Four more Vietnam–North Korea meetings that afternoon: parties and hours no longer tell the visit's parts.
    for (const o of others) expect(r.eventOf.get(o.id)).not.toBe(r.eventOf.get(talks));
  });
});
