import { describe, expect, it } from "vitest";
import { clusterItems } from "../../src/analyze/cluster-items.js";
import {
  createEventClusterer,
  DEFAULT_CLUSTER_OPTIONS,
  DEFAULT_CLUSTER_TUNING,
} from "../../src/analyze/event-clusterer.js";
import { createEventLexicon } from "../../src/analyze/event-lexicon.js";
import { loadLexicon } from "../../src/config/lexicon.js";
import type { ArticleInput } from "../../src/domain/index.js";
import { realDay, samples } from "../fixtures/labelled/labelled-sets.js";

const H = 3_600_000;
const lexicon = createEventLexicon(loadLexicon());
const day = realDay("tune4").map((i) => i.article);
const byId = (id: string) => day.find((a) => a.id === id)!;
// The Tokyo summit of 16 March 2023 (four reports) and the dinner after it, told in words none of them use.
const summit = ["rd4-026", "rd4-027", "rd4-028", "rd4-029"];
const dinner = "rd4-030";

describe("a lone report of a story's hours", () => {
  it("joins the story it is clearly closest to, on a day of many stories", () => {
    const r = clusterItems(day, { lexicon });
    for (const id of summit) expect(r.eventOf.get(id)).toBe(r.eventOf.get(dinner));
    // Without the pass the dinner stays an entry of its own, and the summit's other stories keep theirs.
    const alone = clusterItems(day, { lexicon, tuning: { ...DEFAULT_CLUSTER_TUNING, orphanShare: 99 } });
    expect(alone.eventOf.get(dinner)).not.toBe(alone.eventOf.get(summit[0]!));
    expect(r.events.length).toBe(alone.events.length - 2);
  });

  it("told from another capital, joins the story whose party and rare name it shares", () => {
    const r = clusterItems(
      realDay("tune6").map((i) => i.article),
      { lexicon },
    );
    // Pence in the stands beside Kim's sister names the US, whom the opening's reports do not.
    expect(r.eventOf.get("rd6-030")).toBe(r.eventOf.get("rd6-029"));
    // China's envoy at Yoon's inauguration, on the day the inauguration's reports state.
    expect(r.eventOf.get("rd6-028")).toBe(r.eventOf.get("rd6-025"));
  });

  it("naming another pair of countries and nothing rare of the story, stays a story of its own", () => {
    // Japan and China's maritime dialogue shares Japan with the US–ROK–Japan ministers' meeting, and nothing else.
    const items = samples();
    const r = clusterItems(
      items.map((i) => i.article),
      { lexicon },
    );
    const dialogue = items.find((i) => i.article.title.startsWith("Nhật Bản, Trung Quốc tổ chức đối thoại"));
    const trilateral = items.filter((i) => i.event === "trilateral-fm");
    expect(dialogue).toBeDefined();
    expect(trilateral.length).toBeGreaterThan(2);
    for (const t of trilateral) expect(r.eventOf.get(t.article.id)).not.toBe(r.eventOf.get(dialogue!.article.id));
  });

  it("waits while the news goes on: placed by the bot as it comes, it is no story's part in its first hours", () => {
    const clusterer = createEventClusterer(DEFAULT_CLUSTER_OPTIONS, { newEventId: (id) => `ev-${id}` });
    const add = (a: ArticleInput) =>
      clusterer.add({ id: a.id, publishedAt: a.publishedAt, lang: a.lang, terms: lexicon.features(a) });
    for (const id of [...summit, dinner]) add(byId(id));
    clusterer.settle();
    expect(clusterer.eventOf(dinner)).not.toBe(clusterer.eventOf(summit[0]!));
    // Hours later a report of another story comes: the dinner has stayed alone, so it is the summit's.
    const later = byId(dinner).publishedAt! + 7 * H;
    add({
      id: "later",
      title: "Typhoon nears Okinawa",
      lead: "Flights were cancelled.",
      text: "",
      lang: "en",
      publishedAt: later,
    });
    clusterer.settle();
    expect(clusterer.eventOf(dinner)).toBe(clusterer.eventOf(summit[0]!));
    expect(clusterer.eventOf("later")).not.toBe(clusterer.eventOf(summit[0]!));
  });

  it("joins it in a batch long enough that the clusterer drops its oldest events before the end", () => {
    const start = byId(dinner).publishedAt! + 8 * 24 * H;
    const filler: ArticleInput[] = Array.from({ length: 2100 }, (_, n) => ({
      id: `filler-${n}`,
      title: `Weather bulletin ${n}`,
      lead: `Forecast number ${n} for the northern provinces.`,
      text: "",
      lang: "en",
      publishedAt: start + n * 60_000,
    }));
    const r = clusterItems([...day, ...filler], { lexicon });
    expect(r.eventOf.get(dinner)).toBe(r.eventOf.get(summit[0]!));
  });
});
