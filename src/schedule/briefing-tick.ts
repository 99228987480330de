import type { EventId, Logger, Subscription } from "../domain/index.js";
import { dueSlots, isWithinGrace, placeOf, type Slot } from "../domain/index.js";
import type { OutboxStore } from "../store/outbox-repo.js";
import type { Awaitable, EitherStore } from "../store/port.js";
import type { SchedulerCursor } from "../store/scheduler-cursor-repo.js";

/** A briefing rendered for its subscription's platform, ready for the outbox. */
export interface BuiltMessage {
  /** The platform-neutral document as JSON, kept with the digest. */
  readonly document: string;
  /** One payload per message part, as the platform's sender expects it. */
  readonly parts: readonly string[];
  /** The events it shows, so the next briefing does not repeat them. */
  readonly events: readonly { readonly eventId: EventId; readonly itemCount: number }[];
}

/** Compose and render one subscription's briefing for one slot (a daily briefing or the weekly one). */
export type BuildBriefing = (subscription: Subscription, slot: Slot, now: number) => Awaitable<BuiltMessage>;

export interface BriefingTickDeps {
  readonly outbox: EitherStore<Pick<OutboxStore, "hasSlot" | "enqueue">>;
  readonly cursor: EitherStore<SchedulerCursor>;
  readonly subscriptions: ActiveSubscriptions;
  readonly build: BuildBriefing;
  readonly graceHours: number;
  readonly logger: Logger;
}

export interface BriefingTickResult {
  /** Briefings persisted to the outbox by this tick. */
  readonly enqueued: number;
  /** Slots already in the outbox (an earlier tick or run built them). */
  readonly existing: number;
  /** Slots that passed longer ago than the grace period (downtime): logged, not sent. */
  readonly stale: number;
  /** Slots whose briefing could not be built; the next tick tries them again. */
  readonly failed: number;
}

/** The chats the scheduler serves, on either store. */
export interface ActiveSubscriptions {
  listActive(): Awaitable<readonly Subscription[]>;
}

const CURSOR = "briefing";
/** Downtime longer than this is not searched for slots: they are all past any grace period anyway. */
const MAX_LOOKBACK_MS = 8 * 24 * 3_600_000;

/**
 * One briefing tick: every slot that fired since the last tick (after downtime too) is built
 * once and persisted with its outbox rows; the unique (subscription, slot) key makes a repeated
 * tick, or a restart in the middle of one, harmless. The first tick ever looks back one minute.
 */
export async function runBriefingTick(deps: BriefingTickDeps, now: number): Promise<BriefingTickResult> {
  const { outbox, logger } = deps;
  const from = Math.max((await deps.cursor.read(CURSOR)) ?? now - 60_000, now - MAX_LOOKBACK_MS);
  let enqueued = 0;
  let existing = 0;
  let stale = 0;
  let failed = 0;
  let cursor = now;
  for (const sub of await deps.subscriptions.listActive()) {
    for (const slot of dueSlots(sub.times, sub.timezone, from, now, sub.weekly ?? undefined)) {
      if (!isWithinGrace(slot, now, deps.graceHours)) {
        stale += 1;
        logger.warn(
          { subscriptionId: sub.id, slot: slot.key, lateMinutes: Math.round((now - slot.at) / 60_000) },
          "briefing skipped: its slot passed longer ago than the grace period",
        );
        continue;
      }
      if (await outbox.hasSlot(sub.id, slot.key)) {
        existing += 1;
        continue;
      }
      try {
        const built = await deps.build(sub, slot, now);
        const result = await outbox.enqueue({
          subscriptionId: sub.id,
          ...placeOf(sub),
          slot: slot.key,
          kind: slot.kind,
          document: built.document,
          parts: built.parts,
          events: built.events,
          now,
        });
        if (result.status === "created") enqueued += 1;
        else existing += 1;
        if (now - slot.at > 120_000) logger.info({ subscriptionId: sub.id, slot: slot.key }, "late briefing sent once");
      } catch (error) {
        failed += 1;
        cursor = Math.min(cursor, slot.at - 1);
        logger.error({ subscriptionId: sub.id, slot: slot.key, err: error }, "briefing could not be built");
      }
    }
  }
  await deps.cursor.write(CURSOR, cursor);
  return { enqueued, existing, stale, failed };
}
