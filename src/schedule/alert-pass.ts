import type { Logger, Subscription } from "../domain/index.js";
import type { AlertEventSource, AlertEventView } from "../store/alert-events-repo.js";
import type { OutboxStore } from "../store/outbox-repo.js";
import { type AlertSettings, alertDecision } from "./alert-threshold.js";
import type { BuiltMessage } from "./briefing-tick.js";

/** Render one alert for its subscription's platform. */
export type BuildAlert = (subscription: Subscription, event: AlertEventView, now: number) => BuiltMessage;

export interface AlertPassDeps {
  readonly outbox: OutboxStore;
  readonly events: AlertEventSource;
  readonly subscriptions: { listActive(): readonly Subscription[] };
  readonly build: BuildAlert;
  readonly settings: AlertSettings;
  /** An event that crossed the threshold longer ago than this is old news, not an alert (e.g. after downtime). */
  readonly maxAgeHours: number;
  readonly logger: Logger;
}

const HOUR = 3_600_000;

/** The slot key that makes an alert arrive once per event and chat. */
export const alertSlot = (eventId: string): string => `alert:${eventId}`;

/**
 * Send breaking alerts: every recent event that crosses the importance threshold goes, once, to
 * each active chat with alerts on whose topics it matches. Returns how many alerts were enqueued.
 */
export function runAlertPass(deps: AlertPassDeps, now: number): number {
  const subscribers = deps.subscriptions.listActive().filter((s) => s.alerts);
  if (subscribers.length === 0) return 0;
  const lookback = Math.max(deps.settings.withinHours, deps.maxAgeHours) * HOUR;
  let enqueued = 0;
  for (const event of deps.events.recentEvents(now - lookback)) {
    const decision = alertDecision(event, deps.settings);
    if (!decision.alert || now - decision.since > deps.maxAgeHours * HOUR) continue;
    const before = enqueued;
    for (const sub of subscribers) {
      const matches = sub.topics.length === 0 || sub.topics.some((t) => event.topics.includes(t));
      const alerted = [event.eventId, ...event.formerIds].some((id) => deps.outbox.hasSlot(sub.id, alertSlot(id)));
      if (!matches || alerted) continue;
      try {
        const built = deps.build(sub, event, now);
        const result = deps.outbox.enqueue({
          subscriptionId: sub.id,
          platform: sub.platform,
          chatId: sub.chatId,
          slot: alertSlot(event.eventId),
          kind: "alert",
          ...built,
          now,
        });
        if (result.status === "created") enqueued += 1;
      } catch (error) {
        deps.logger.error({ subscriptionId: sub.id, eventId: event.eventId, err: error }, "alert could not be built");
      }
    }
    if (enqueued > before) {
      deps.logger.info({ eventId: event.eventId, reason: decision.reason, chats: enqueued - before }, "breaking alert");
    }
  }
  return enqueued;
}
