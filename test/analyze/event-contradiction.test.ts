import { describe, expect, it } from "vitest";
import { addFacts, contradicts, emptyFacts, eventsContradict } from "../../src/analyze/event-contradiction.js";
import type { CoreFacts } from "../../src/analyze/event-features.js";

const report = (countries: string[], says: ("talks" | "parade")[] = ["talks"]): CoreFacts => ({
  dates: new Set(),
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
});
