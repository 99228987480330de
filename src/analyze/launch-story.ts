import { type EventFacts, partiesOf } from "./event-contradiction.js";
import { type LaunchKind, launchSaid, type Statement, tellsOccasion } from "./event-statements.js";

export type { LaunchKind } from "./event-statements.js";

/**
 * What North Korea did that is the news of an event: a launch (of a kind, or unsaid), or a
 * demolition or a nuclear test. Such a deed is one story on its day, however many sides tell it.
 */
export type DeedKind = LaunchKind | "dismantled" | "tested";

/** The demolition or test statements tell as the news, if one and no occasion or government measure. */
function demolitionOrTest(says: ReadonlySet<Statement>): DeedKind | undefined {
  if (tellsOccasion(says)) return undefined;
  const dismantled = says.has("dismantled");
  if (dismantled === says.has("tested")) return undefined;
  return dismantled ? "dismantled" : "tested";
}

/** The deed an event is the news of, if it is one: North Korea among its parties, and a launch (see launchSaid), a demolition or a test the news. */
export function deedOf(facts: EventFacts): DeedKind | undefined {
  if (!partiesOf(facts).has("north-korea")) return undefined;
  return launchSaid(facts.says) ?? demolitionOrTest(facts.says);
}

const isLaunch = (k: DeedKind): k is LaunchKind => k === "missile" || k === "satellite" || k === "unsaid";

/** Whether two deeds are of one family: launches (of any kind), demolitions, tests. */
export const sameFamily = (a: DeedKind, b: DeedKind): boolean => a === b || (isLaunch(a) && isLaunch(b));

/** Whether two deed stories may be of one deed: of one kind, or launches one of which does not say what flew. */
export function sameDeed(a: DeedKind, b: DeedKind): boolean {
  return a === b || (isLaunch(a) && isLaunch(b) && (a === "unsaid" || b === "unsaid"));
}
