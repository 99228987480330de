import { type EventFacts, partiesOf } from "./event-contradiction.js";
import type { Statement } from "./event-statements.js";

/** What North Korea launched, as an event's reports say it ("unsaid": a launch, no word of what). */
export type LaunchKind = "missile" | "satellite" | "unsaid";

/** What makes an event news of its own even when it is about a launch. */
const OCCASIONS: readonly Statement[] = ["talks", "meeting", "parade"];

/**
 * The launch an event is the news of, if it is one: North Korea among its parties, a missile or
 * a satellite (not both) or a launch without saying what in what it says, and no talks, meeting,
 * parade or government measure, which are events of their own even when they answer a launch
 * (Seoul suspending part of a pact after the satellite went up; a Council meeting on the missile).
 */
export function launchOf(facts: EventFacts): LaunchKind | undefined {
  if (!partiesOf(facts).has("north-korea")) return undefined;
  const says = facts.says;
  if (OCCASIONS.some((s) => says.has(s)) || [...says].some((s) => s.startsWith("by:"))) return undefined;
  const missile = says.has("missile");
  const satellite = says.has("satellite");
  if (missile && satellite) return undefined;
  if (missile || satellite) return missile ? "missile" : "satellite";
  return says.has("launch") ? "unsaid" : undefined;
}

/** Whether two launch stories may be of one launch: of one kind, or one of them does not say which. */
export function sameLaunch(a: LaunchKind, b: LaunchKind): boolean {
  return a === b || a === "unsaid" || b === "unsaid";
}
