import { type EventFacts, partiesOf } from "./event-contradiction.js";
import { type LaunchKind, launchSaid, type Statement, tellsGathering, tellsOccasion } from "./event-statements.js";

/**
 * A deed that is the news of an event: North Korea's launch (of a kind, or unsaid), demolition
 * or nuclear test, or one government's measure (`by:` its country). Such a deed is one story on
 * its day, however many sides tell it.
 */
export type DeedKind = LaunchKind | "dismantled" | "tested" | `by:${string}`;

/** The demolition or test statements tell as the news, if one and no occasion or government measure. */
function demolitionOrTest(says: ReadonlySet<Statement>): DeedKind | undefined {
  if (tellsOccasion(says)) return undefined;
  const dismantled = says.has("dismantled");
  if (dismantled === says.has("tested")) return undefined;
  return dismantled ? "dismantled" : "tested";
}

/** One government's measure statements tell as the news (Seoul switching off its loudspeakers), if one and no gathering. */
function measureOf(says: ReadonlySet<Statement>): DeedKind | undefined {
  if (tellsGathering(says)) return undefined;
  const by = [...says].filter((s) => s.startsWith("by:"));
  return by.length === 1 ? (by[0] as `by:${string}`) : undefined;
}

/**
 * The deed an event is the news of, if it is one: with North Korea among its parties, a launch
 * (see launchSaid), a demolition or a test; or one government's measure.
 */
export function deedOf(facts: EventFacts): DeedKind | undefined {
  const north = partiesOf(facts).has("north-korea");
  return (north ? (launchSaid(facts.says) ?? demolitionOrTest(facts.says)) : undefined) ?? measureOf(facts.says);
}

const isLaunch = (k: DeedKind): k is LaunchKind => k === "missile" || k === "satellite" || k === "unsaid";

/** Whether two deeds are of one family: launches (of any kind), demolitions, tests, one government's measures. */
export const sameFamily = (a: DeedKind, b: DeedKind): boolean => a === b || (isLaunch(a) && isLaunch(b));

/** Whether two deed stories may be of one deed: of one kind, or launches one of which does not say what flew. */
export function sameDeed(a: DeedKind, b: DeedKind): boolean {
  return a === b || (isLaunch(a) && isLaunch(b) && (a === "unsaid" || b === "unsaid"));
}
