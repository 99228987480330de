import type { ChatGoneReason, Logger, Platform } from "../domain/index.js";
import type { OutboxRow, OutboxStore } from "../store/outbox-repo.js";
import type { EitherStore } from "../store/port.js";

type RelayMethod = "claimDue" | "markSent" | "scheduleRetry" | "markFailed" | "endSubscription" | "nextDueAt";

/**
 * What the relay needs of an outbox, on either store: SQLite's answers at once, PostgreSQL's
 * (`OutboxPort`) with a Promise; the relay awaits both.
 */
export type RelayOutbox = EitherStore<Pick<OutboxStore, RelayMethod>>;

import type { PlatformLimiter } from "./platform-limiters.js";

/** What one attempt to send one outbox row came to. */
export type SendOutcome =
  | { readonly kind: "sent"; readonly messageId: string }
  /** The platform will never take it. `deactivate` names why the subscription ends; absent: only the row ends. */
  | { readonly kind: "permanent"; readonly reason: string; readonly deactivate?: ChatGoneReason | undefined }
  | { readonly kind: "transient"; readonly reason?: string | undefined; readonly retryAfterMs?: number | undefined }
  /** The request may or may not have reached the chat (timeout, connection reset, 5xx after sending). */
  | { readonly kind: "unknown"; readonly reason?: string | undefined };

/** Sends one outbox row on one platform. Never throws for the platform's answers: they are the outcome. */
export interface DeliverySender {
  send(row: OutboxRow): Promise<SendOutcome>;
}

export interface RetryPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
  /** After this many attempts the row is failed ("gave up"). */
  readonly maxAttempts: number;
}

export const defaultRetryPolicy: RetryPolicy = { baseMs: 2_000, maxMs: 10 * 60_000, maxAttempts: 8 };

export interface OutboxRelayOptions {
  readonly outbox: RelayOutbox;
  readonly senders: Partial<Record<Platform, DeliverySender>>;
  readonly limiters?: Partial<Record<Platform, PlatformLimiter>>;
  readonly logger: Logger;
  readonly now?: () => number;
  /** Sends in flight at once (they still wait for their platform's tokens). */
  readonly concurrency?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Jitter source in [0, 1). */
  readonly random?: () => number;
  /** How often the running relay looks for due rows when nobody wakes it. */
  readonly pollMs?: number;
}

export interface RelayStats {
  sent: number;
  retried: number;
  failed: number;
}

export interface OutboxRelay {
  /** Send every row due now (and the later parts they unlock); resolves when none is left. */
  drain(): Promise<RelayStats>;
  /** Keep draining in the background: on `wake()`, when a retry comes due, and every `pollMs`. */
  start(): void;
  /** New rows were enqueued: drain now instead of at the next poll. */
  wake(): void;
  /** Stop taking rows; sends already on the wire finish and are recorded, the rest go back to pending. */
  stop(): Promise<void>;
}

/** The delay before attempt `attempts + 1`: exponential with jitter, never sooner than the platform asked. */
export function retryDelayMs(attempts: number, policy: RetryPolicy, random: number, retryAfterMs = 0): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.max(retryAfterMs, Math.round(exp * (0.5 + random / 2)));
}

interface RowDeliveryDeps {
  readonly options: OutboxRelayOptions;
  readonly policy: RetryPolicy;
  readonly now: () => number;
  readonly random: () => number;
  readonly stopping: () => boolean;
}

/** Sends one claimed row (after its platform's rate limit) and records what came of it. */
function createRowDelivery({ options, policy, now, random, stopping }: RowDeliveryDeps) {
  const { outbox, senders, logger } = options;
  const retryOrGiveUp = async (row: OutboxRow, reason: string, stats: RelayStats, retryAfterMs?: number) => {
    if (row.attempts >= policy.maxAttempts) {
      await outbox.markFailed(row.id, `gave up after ${row.attempts} attempts: ${reason}`);
      logger.error({ rowId: row.id, chatId: row.chatId, reason }, "delivery failed for good");
      stats.failed += 1;
      return;
    }
    const at = now() + retryDelayMs(row.attempts, policy, random(), retryAfterMs);
    await outbox.scheduleRetry(row.id, at, reason);
    stats.retried += 1;
  };

  return async (row: OutboxRow, stats: RelayStats): Promise<void> => {
    const sender = senders[row.platform];
    if (sender === undefined) {
      // The platform is not configured in this run (no token): keep the row for a run that has it.
      await outbox.scheduleRetry(row.id, now() + policy.maxMs, `no ${row.platform} sender configured`);
      return;
    }
    await options.limiters?.[row.platform]?.acquire(row.chatId, "bulk");
    if (stopping()) {
      await outbox.scheduleRetry(row.id, now(), "returned to pending at shutdown");
      return;
    }
    let outcome: SendOutcome;
    try {
      outcome = await sender.send(row);
    } catch (error) {
      outcome = { kind: "unknown", reason: error instanceof Error ? error.message : String(error) };
    }
    switch (outcome.kind) {
      case "sent":
        await outbox.markSent(row.id, outcome.messageId, now());
        stats.sent += 1;
        return;
      case "permanent":
        if (outcome.deactivate !== undefined) {
          // The one writer of a refusal met while delivering (see OutboxStore.endSubscription).
          await outbox.endSubscription(row, outcome.reason, outcome.deactivate, now());
          logger.warn({ subscriptionId: row.subscriptionId, reason: outcome.reason }, "subscription deactivated");
        } else {
          await outbox.markFailed(row.id, outcome.reason);
          logger.error({ rowId: row.id, reason: outcome.reason }, "message refused by the platform");
        }
        stats.failed += 1;
        return;
      case "transient":
        await retryOrGiveUp(row, outcome.reason ?? "transient failure", stats, outcome.retryAfterMs);
        return;
      case "unknown":
        logger.warn({ rowId: row.id, reason: outcome.reason }, "send outcome unknown, will resend (at-least-once)");
        await retryOrGiveUp(row, `outcome unknown: ${outcome.reason ?? "no answer"}`, stats);
        return;
    }
  };
}

/**
 * The relay's idle wait: `wake()` cuts a running sleep short, and a wake that comes while no
 * sleep runs (a drain is on) is remembered, so rows enqueued meanwhile do not wait for the next poll.
 */
function wakeableSleep() {
  let wakeUp: (() => void) | undefined;
  let woken = false;
  return {
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(t);
          wakeUp = undefined;
          woken = false;
          resolve();
        };
        const t = setTimeout(done, ms);
        wakeUp = done;
      }),
    wake() {
      woken = true;
      wakeUp?.();
    },
    /** Ends a running sleep without noting a wake (stop). */
    interrupt: () => wakeUp?.(),
    /** Whether a wake came since the last sleep; clears it. */
    takeWake(): boolean {
      const was = woken;
      woken = false;
      return was;
    },
  };
}

/**
 * The outbox relay: takes due rows, waits for the platform's rate limits, sends, and records
 * the outcome. Unknown outcomes are resent (at-least-once; see docs/delivery.md).
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { outbox, logger } = options;
  const now = options.now ?? Date.now;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const concurrency = options.concurrency ?? 16;
  const pollMs = options.pollMs ?? 1_000;
  let stopping = false;
  let running: Promise<RelayStats> | undefined;
  let loop: Promise<void> | undefined;
  const idle = wakeableSleep();
  const deliver = createRowDelivery({
    options,
    policy,
    now,
    random: options.random ?? Math.random,
    stopping: () => stopping,
  });

  const runDrain = async (): Promise<RelayStats> => {
    const stats: RelayStats = { sent: 0, retried: 0, failed: 0 };
    const worker = async () => {
      while (!stopping) {
        const [row] = await outbox.claimDue(now(), 1);
        if (row === undefined) return;
        await deliver(row, stats);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return stats;
  };

  const drain = (): Promise<RelayStats> => {
    // One drain at a time: a second caller shares the one running.
    running ??= runDrain().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    drain,
    start() {
      if (loop !== undefined) return;
      stopping = false;
      loop = (async () => {
        while (!stopping) {
          try {
            const stats = await drain();
            if (stats.sent + stats.failed + stats.retried > 0) logger.info({ ...stats }, "outbox drained");
          } catch (error) {
            logger.error({ err: error }, "outbox relay pass failed");
          }
          if (stopping) break;
          if (idle.takeWake()) continue;
          // A store that fails to answer (a database failing over) means a poll later, not a dead relay.
          const due = await Promise.resolve()
            .then(() => outbox.nextDueAt())
            .catch((error: unknown) => {
              logger.warn({ err: error }, "outbox relay: could not read when the next row is due");
              return undefined;
            });
          await idle.sleep(due === undefined ? pollMs : Math.min(pollMs, Math.max(10, due - now())));
        }
      })();
    },
    wake: () => idle.wake(),
    async stop() {
      stopping = true;
      idle.interrupt();
      await loop;
      await running;
      loop = undefined;
    },
  };
}
