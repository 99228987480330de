import { refreshBriefing } from "../digest/index.js";
import {
  type DigestCandidate,
  type DigestDocument,
  type Lang,
  type Logger,
  type Subscription,
  wallClock,
} from "../domain/index.js";
import type { BriefingEditStore } from "../store/briefing-edits-repo.js";
import type { Awaitable, EitherStore } from "../store/port.js";
import type { ActiveSubscriptions } from "./briefing-tick.js";

/** The platforms whose sent messages can be edited; the console prints, and a print stays printed. */
const EDITABLE: ReadonlySet<string> = new Set(["telegram", "discord"]);
const DAY_MS = 24 * 3600_000;

export interface EditPassDeps {
  readonly edits: EitherStore<BriefingEditStore>;
  readonly subscriptions: ActiveSubscriptions;
  /** The events as they stand now, in a language, among those seen since `since`. */
  readonly eventsNow: (lang: Lang, since: number, now: number) => Awaitable<readonly DigestCandidate[]>;
  /** The briefing's parts for the chat's platform, exactly as the briefing tick renders them. */
  readonly render: (sub: Subscription, doc: DigestDocument) => readonly string[];
  readonly logger: Logger;
}

const sameLocalDay = (a: number, b: number, timezone: string) => {
  const x = wallClock(a, timezone);
  const y = wallClock(b, timezone);
  return x.year === y.year && x.month === y.month && x.day === y.day;
};

/**
 * Today's briefings whose entries grew since they were sent are edited in place: each part
 * whose text changed is queued as an edit of the message the chat already has (silent on both
 * platforms), and the digest records what it now shows. What the chat was *sent* is not
 * touched (sent_events), so the next briefing still marks the update. A briefing whose new
 * text would need a different number of messages is left as it is: an edit cannot add a
 * message, and the next briefing carries the update. Returns how many parts were queued.
 */
export async function runEditPass(deps: EditPassDeps, now: number): Promise<number> {
  const subs = new Map((await deps.subscriptions.listActive()).map((s) => [s.id, s]));
  const eventsByLang = new Map<Lang, Map<string, DigestCandidate>>();
  const current = async (lang: Lang) => {
    let events = eventsByLang.get(lang);
    if (events === undefined) {
      events = new Map((await deps.eventsNow(lang, now - 2 * DAY_MS, now)).map((c) => [c.eventId, c]));
      eventsByLang.set(lang, events);
    }
    return events;
  };
  let queued = 0;
  for (const briefing of await deps.edits.sentSince(now - DAY_MS)) {
    const sub = subs.get(briefing.subscriptionId);
    if (sub === undefined || !EDITABLE.has(sub.platform) || !sameLocalDay(briefing.createdAt, now, sub.timezone))
      continue;
    try {
      const shown = JSON.parse(briefing.document) as DigestDocument;
      const events = await current(shown.lang);
      const refreshed = refreshBriefing(shown, (id) => events.get(id));
      if (refreshed === undefined) continue;
      const before = deps.render(sub, shown);
      const after = deps.render(sub, refreshed);
      if (after.length !== before.length || after.length !== briefing.parts.length) {
        deps.logger.info(
          { subscriptionId: sub.id, digestId: briefing.digestId },
          "briefing grew past its messages: not edited",
        );
        continue;
      }
      const parts = briefing.parts.flatMap((p, i) =>
        after[i] === before[i] ? [] : [{ deliveryId: p.deliveryId, payload: after[i] ?? "" }],
      );
      await deps.edits.enqueueEdits({ digestId: briefing.digestId, document: JSON.stringify(refreshed), parts, now });
      queued += parts.length;
    } catch (error) {
      deps.logger.error({ subscriptionId: sub.id, digestId: briefing.digestId, err: error }, "briefing edit failed");
    }
  }
  return queued;
}
