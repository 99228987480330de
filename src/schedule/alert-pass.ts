import { type FilterMatcher, NO_FILTERS } from "../digest/index.js";
import { type Logger, placeOf, type Subscription } from "../domain/index.js";
import type { AlertEventSource, AlertEventView } from "../store/alert-events-repo.js";
import type { OutboxStore } from "../store/outbox-repo.js";
import type { Awaitable, EitherStore } from "../store/port.js";
import { type AlertSettings, alertDecision } from "./alert-threshold.js";
import type { ActiveSubscriptions, BuiltMessage } from "./briefing-tick.js";

/** Render one alert for its subscription's platform. */
export type BuildAlert = (subscription: Subscription, event: AlertEventView, now: number) => Awaitable<BuiltMessage>;

export interface AlertPassDeps {
  readonly outbox: EitherStore<Pick<OutboxStore, "hasSlot" | "enqueue">>;
  readonly events: EitherStore<AlertEventSource>;
  readonly subscriptions: ActiveSubscriptions;
  readonly build: BuildAlert;
  readonly settings: AlertSettings;
  /** An event that crossed the threshold longer ago than this is old news, not an alert (e.g. after downtime). */
  readonly maxAgeHours: number;
  readonly logger: Logger;
  /** Each chat's watches and mutes: a muted event is never alerted, a watched new one is (once). */
  readonly filtersFor?: ((subscription: Subscription) => Awaitable<FilterMatcher>) | undefined;
}

/** What watches and mutes are matched against: every headline, summary, title and lead of the event. */
function alertText(event: AlertEventView): string {
  return [
    event.headline,
    ...event.texts.flatMap((t) => [t.headline, t.summary]),
    ...event.reports.flatMap((r) => [r.title, r.lead]),
  ].join("\n");
}

const HOUR = 3_600_000;

/** The slot key that makes an alert arrive once per event and chat. */
export const alertSlot = (eventId: string): string => `alert:${eventId}`;

/**
 * Send breaking alerts: every recent event that crosses the importance threshold goes, once, to
 * each active chat with alerts on whose topics it matches; a new event naming a chat's watch goes
 * to that chat too, and one naming its mute to none. Returns how many alerts were enqueued.
 */
export async function runAlertPass(deps: AlertPassDeps, now: number): Promise<number> {
  const subscribers = (await deps.subscriptions.listActive()).filter((s) => s.alerts);
  if (subscribers.length === 0) return 0;
  const filters = new Map<Subscription, FilterMatcher>();
  for (const s of subscribers) filters.set(s, (await deps.filtersFor?.(s)) ?? NO_FILTERS);
  const anyFilters = [...filters.values()].some((f) => f.active);
  const lookback = Math.max(deps.settings.withinHours, deps.maxAgeHours) * HOUR;
  let enqueued = 0;
  for (const event of await deps.events.recentEvents(now - lookback)) {
    const decision = alertDecision(event, deps.settings);
    const news: AlertNews = {
      event,
      breaking: decision.alert && now - decision.since <= deps.maxAgeHours * HOUR,
      fresh: now - event.firstSeen <= deps.maxAgeHours * HOUR,
      text: anyFilters ? alertText(event) : "",
    };
    if (!news.breaking && !(anyFilters && news.fresh)) continue;
    const sent = await alertChats(deps, subscribers, filters, news, now);
    if (sent > 0) {
      const reason = news.breaking && decision.alert ? decision.reason : "watched";
      deps.logger.info({ eventId: event.eventId, reason, chats: sent }, "breaking alert");
    }
    enqueued += sent;
  }
  return enqueued;
}

/** Queue the event's alert for each chat that wants it; how many were queued. */
async function alertChats(
  deps: AlertPassDeps,
  subscribers: readonly Subscription[],
  filters: ReadonlyMap<Subscription, FilterMatcher>,
  news: AlertNews,
  now: number,
): Promise<number> {
  let sent = 0;
  for (const sub of subscribers) {
    if (!(await wantsAlert(deps, sub, filters.get(sub) ?? NO_FILTERS, news))) continue;
    if (await enqueueAlert(deps, sub, news.event, now)) sent++;
  }
  return sent;
}

interface AlertNews {
  readonly event: AlertEventView;
  /** Crossed the importance threshold recently enough to be news. */
  readonly breaking: boolean;
  /** First seen recently enough for a watch to alert it. */
  readonly fresh: boolean;
  /** What watches and mutes are matched against ("" when no chat has any). */
  readonly text: string;
}

/** Breaking and in the chat's topics, or new and naming its watch; never when it names its mute or went already. */
async function wantsAlert(
  deps: AlertPassDeps,
  sub: Subscription,
  filters: FilterMatcher,
  news: AlertNews,
): Promise<boolean> {
  const { event } = news;
  const verdict = filters.active ? filters.judge(news.text) : { muted: false, watched: undefined };
  const inTopics = sub.topics.length === 0 || sub.topics.some((t) => event.topics.includes(t));
  const wanted = (news.breaking && inTopics) || (news.fresh && verdict.watched !== undefined);
  if (!wanted || verdict.muted) return false;
  for (const id of [event.eventId, ...event.formerIds])
    if (await deps.outbox.hasSlot(sub.id, alertSlot(id))) return false;
  return true;
}

/** Build and persist one chat's alert; whether a new one was queued. A failure is logged, never thrown. */
async function enqueueAlert(
  deps: AlertPassDeps,
  sub: Subscription,
  event: AlertEventView,
  now: number,
): Promise<boolean> {
  try {
    const built = await deps.build(sub, event, now);
    const result = await deps.outbox.enqueue({
      subscriptionId: sub.id,
      ...placeOf(sub),
      slot: alertSlot(event.eventId),
      kind: "alert",
      ...built,
      now,
    });
    return result.status === "created";
  } catch (error) {
    deps.logger.error({ subscriptionId: sub.id, eventId: event.eventId, err: error }, "alert could not be built");
    return false;
  }
}
