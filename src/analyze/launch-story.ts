import { type EventFacts, partiesOf } from "./event-contradiction.js";

/** What North Korea launched, as an event's reports say it. */
export type LaunchKind = "missile" | "satellite";

/**
 * The launch an event is the news of, if it is one: North Korea among its parties, a missile or
 * a satellite (not both) in what it says, and no talks, parade or government measure, which are
 * events of their own even when they answer a launch (Seoul suspending part of a pact after the
 * satellite went up; a Council meeting on the missile).
 */
export function launchOf(facts: EventFacts): LaunchKind | undefined {
  if (!partiesOf(facts).has("north-korea")) return undefined;
  const says = facts.says;
  if (says.has("talks") || says.has("parade") || [...says].some((s) => s.startsWith("by:"))) return undefined;
  const missile = says.has("missile");
  const satellite = says.has("satellite");
  if (missile === satellite) return undefined;
  return missile ? "missile" : "satellite";
}
