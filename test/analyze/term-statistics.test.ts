import { describe, expect, it } from "vitest";
import type { TermCounts } from "../../src/analyze/event-features.js";
import { createTermStatistics } from "../../src/analyze/term-statistics.js";

const settings = { priorDocs: 0, minDf: 1, idfPower: 1 };
const terms = (...ts: string[]): TermCounts => new Map(ts.map((t) => [t, 1]));
const idf = (docs: number, n: number) => Math.log(1 + docs / n);

describe("term statistics", () => {
  it("weighs an item's terms by how many recent items carry them, and drops unshared ones when asked", () => {
    const stats = createTermStatistics(settings);
    const a = terms("u:kim", "e:hwasong-19");
    stats.observe(a, 1);
    stats.observe(terms("u:kim", "u:summit"), 2);
    stats.observe(terms("u:kim"), 3);
    expect(stats.docs()).toBe(3);
    expect(stats.df("u:kim")).toBe(3);
    expect(stats.idfs(a, 0.5)).toEqual([idf(3, 3), idf(3, 1) * 0.5]);
    expect(stats.idfs(a, 0)).toEqual([idf(3, 3), 0]);
  });

  it("forgets old items, and an item seen again after its terms were forgotten weighs by the new counts", () => {
    const stats = createTermStatistics(settings);
    const old = terms("e:punggye-ri", "u:test");
    stats.observe(old, 1);
    stats.observe(terms("u:test"), 5);
    stats.forget(2);
    expect(stats.docs()).toBe(1);
    expect(stats.df("e:punggye-ri")).toBe(0);
    expect(stats.df("u:test")).toBe(1);
    stats.observe(terms("e:punggye-ri"), 6);
    stats.observe(terms("e:punggye-ri"), 7);
    // Observing `old` again counts nothing twice; its forgotten term reads the current count.
    stats.observe(old, 1);
    expect(stats.docs()).toBe(3);
    expect(stats.idfs(old, 1)).toEqual([idf(3, 2), idf(3, 1)]);
  });

  it("reads terms added to an item after it was counted by their own counts", () => {
    const stats = createTermStatistics(settings);
    const grown = terms("u:kim");
    stats.observe(grown, 1);
    stats.observe(terms("u:kim", "e:stockholm"), 2);
    grown.set("e:stockholm", 1);
    expect(stats.idfs(grown, 1)).toEqual([idf(2, 2), idf(2, 1)]);
  });
});
