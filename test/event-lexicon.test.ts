import { describe, expect, it } from "vitest";
import { clusterItems } from "../src/analyze/cluster-items.js";
import { createEventLexicon } from "../src/analyze/event-lexicon.js";
import { loadTopics } from "../src/config/topics.js";
import { seedLeads } from "./fixtures/labelled/labelled-sets.js";

const lexicon = createEventLexicon(loadTopics());
const terms = (lead: string) => lexicon.features({ title: "", lead, text: "" });
const lexiconTerms = (lead: string) => [...terms(lead).keys()].filter((t) => /^[er]:/.test(t));

describe("the lexicon as clustering reads it", () => {
  it("gives a place one term in both languages", () => {
    expect(lexiconTerms("Bình Nhưỡng phản đối")).toEqual(lexiconTerms("Pyongyang objects"));
    expect(lexiconTerms("đàm phán tại Stockholm")).toContain("e:stockholm");
  });

  it("gives two different US envoys, or two reports naming missiles, no shared term", () => {
    expect(lexiconTerms("Đặc phái viên Sung Kim")).toEqual([]);
    expect(lexiconTerms("Đặc phái viên Mark Lambert")).toEqual([]);
    expect(lexiconTerms("Triều Tiên phóng tên lửa đạn đạo")).not.toContain("e:missile");
  });

  it("weighs a president's name but does not count it as a name that tells events apart", () => {
    const t = terms("Tổng thống Joe Biden gặp ông Jo Chol-su");
    expect(t.get("b:joe biden")).toBeGreaterThan(0);
    expect(t.names?.has("b:joe biden")).toBe(false);
    expect(t.names?.has("b:jo chol")).toBe(true);
  });

  it("keeps apart seed stories that share only a leader's name or the topic's vocabulary", () => {
    const r = clusterItems(
      seedLeads().map((i) => i.article),
      { lexicon },
    ).eventOf;
    // Trump on 2018 summit preparations is not the 2019 Stockholm talks (one mentions a Trump–Kim summit).
    expect(r.get("s000-28")).not.toBe(r.get("s000-22"));
    // A missile launch and a trilateral statement share only "bán đảo Triều Tiên".
    expect(r.get("s000-06")).not.toBe(r.get("s003-04"));
    // ...while the reports of the Stockholm talks still meet, the long one too: its lead opens on
    // the talks, and its later sentences (the SLBM launch, a Trump–Kim summit) weigh less.
    expect(new Set(["s000-22", "s000-23", "s000-24", "s000-25", "s000-26"].map((id) => r.get(id))).size).toBe(1);
  });
});
