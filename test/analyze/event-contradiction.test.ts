import { describe, expect, it } from "vitest";
import { addFacts, contradicts, emptyFacts, eventsContradict } from "../../src/analyze/event-contradiction.js";
import type { CoreFacts } from "../../src/analyze/event-features.js";

const report = (
  countries: string[],
  says: ("talks" | "parade" | "missile")[] = ["talks"],
  dates: string[] = [],
): CoreFacts => ({
  dates: new Set(dates),
  weekdays: new Set(),
  exclusive: new Map(),
  countries: new Set(countries),
  says: new Set(says),
});
const eventOf = (...reports: CoreFacts[]) => {
  const facts = emptyFacts();
  for (const r of reports) addFacts(facts, r);
  return facts;
};

describe("what tells two events apart", () => {
  it("a meeting of other countries is another event", () => {
    const kimInHanoi = eventOf(report(["north-korea", "vietnam"]), report(["north-korea", "vietnam"]));
    expect(contradicts(report(["south-korea", "vietnam"]), kimInHanoi, 2)).toBe(true);
  });

  it("between two events, a country one report names in passing is not a party", () => {
    // The Pyongyang summit: one report adds "if the United States takes corresponding measures".
    const summit = eventOf(
      report(["north-korea", "south-korea"]),
      report(["north-korea", "south-korea"]),
      report(["north-korea", "south-korea", "united-states"]),
    );
    const paektu = eventOf(report(["south-korea", "north-korea"]), report(["south-korea", "north-korea", "china"]));
    expect(eventsContradict(summit, paektu, 2)).toBe(false);
    // Read as the union of every report's countries, they would be two meetings.
    expect(contradicts(summit, paektu, 2)).toBe(true);
  });

  it("a parade and talks are two events", () => {
    expect(eventsContradict(eventOf(report(["china"], ["parade"])), eventOf(report(["china"], ["talks"])), 2)).toBe(
      true,
    );
  });

  it("reports of one day's North Korean launch are one event whoever else they name", () => {
    // Yonhap: two missiles "a day after a U.S. nuclear-armed submarine made a port call"; Tokyo
    // protests the same morning's launch.
    const submarine = report(["north-korea", "united-states"], ["missile"], ["d:19-7"]);
    const tokyo = eventOf(report(["north-korea", "japan", "south-korea"], ["missile"], ["d:19-7"]));
    expect(contradicts(submarine, tokyo, 2)).toBe(false);
    // The launch of the day before, or one that states no day, is told apart by who else is named.
    expect(contradicts(report(["north-korea", "united-states"], ["missile"], ["d:18-7"]), tokyo, 2)).toBe(true);
    expect(contradicts(report(["north-korea", "united-states"], ["missile"]), tokyo, 2)).toBe(true);
    // Talks on the missile that day are news of their own.
    expect(contradicts(report(["north-korea", "united-states"], ["missile", "talks"], ["d:19-7"]), tokyo, 2)).toBe(
      true,
    );
  });
});
