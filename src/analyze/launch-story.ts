import { type EventFacts, partiesOf } from "./event-contradiction.js";
import { type LaunchKind, launchSaid } from "./event-statements.js";

export type { LaunchKind } from "./event-statements.js";

/** The launch an event is the news of, if it is one: North Korea among its parties, and a launch the news (see launchSaid). */
export function launchOf(facts: EventFacts): LaunchKind | undefined {
  return partiesOf(facts).has("north-korea") ? launchSaid(facts.says) : undefined;
}

/** Whether two launch stories may be of one launch: of one kind, or one of them does not say which. */
export function sameLaunch(a: LaunchKind, b: LaunchKind): boolean {
  return a === b || a === "unsaid" || b === "unsaid";
}
