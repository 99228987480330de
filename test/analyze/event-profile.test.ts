import { describe, expect, it } from "vitest";
import { addReport, type EventProfile, strongestTerms } from "../../src/analyze/event-profile.js";

const vector = (lang: string, entries: [string, number][]) => ({
  lang,
  full: new Map(entries),
  shared: new Map(entries.filter(([t]) => t.startsWith("e:"))),
});

describe("an event's strongest terms (what settle finds its neighbours by)", () => {
  it("are the heaviest first, the earlier term first on a tie, however many the event has", () => {
    const profile: EventProfile = new Map();
    const many: [string, number][] = Array.from({ length: 300 }, (_, i) => [`u:w${i}`, (i % 50) / 100]);
    addReport(profile, vector("vi", [...many, ["e:hwasong-19", 0.9], ["u:a", 0.49], ["u:b", 0.49]]), 200);
    expect(strongestTerms(profile, 5)).toEqual(["e:hwasong-19", "u:a", "u:b", "u:w149", "u:w199"]);
    expect(strongestTerms(profile, 0)).toEqual([]);
  });

  it("sum a term's weight over the event's languages", () => {
    const profile: EventProfile = new Map();
    addReport(
      profile,
      vector("vi", [
        ["e:stockholm", 0.3],
        ["u:dam", 0.5],
      ]),
      200,
    );
    addReport(
      profile,
      vector("en", [
        ["e:stockholm", 0.3],
        ["u:talks", 0.4],
      ]),
      200,
    );
    expect(strongestTerms(profile, 2)).toEqual(["e:stockholm", "u:dam"]);
  });
});
