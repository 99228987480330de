import { createBucketStore } from "../domain/index.js";

/**
 * Token buckets that make callers wait rather than refusing them, with a priority lane: a
 * command reply waiting for a token is served before any bulk send (briefings, alerts), so
 * replies stay fast during a large fan-out that shares the same platform limits.
 */

/** `reply`: a person is waiting for it; `bulk`: scheduled briefings and alerts. */
export type Lane = "reply" | "bulk";

/** One bucket a send must take a token from, e.g. the platform-wide one or the chat's. */
export interface RateRule {
  readonly key: string;
  readonly perSecond: number;
  /** Tokens that may be spent at once; 1 spaces sends evenly, which is what counting platforms expect. */
  readonly burst: number;
}

export interface RateLimiter {
  /** Resolves when a token of every rule has been taken for this send. */
  acquire(rules: readonly RateRule[], lane: Lane): Promise<void>;
  /** Sends waiting for tokens. */
  waiting(): number;
}

interface Waiter {
  readonly rules: readonly RateRule[];
  readonly resolve: () => void;
}

export function createRateLimiter(clock: () => number = () => performance.now()): RateLimiter {
  const buckets = createBucketStore(20_000);
  const lanes: Record<Lane, Waiter[]> = { reply: [], bulk: [] };
  let timer: NodeJS.Timeout | undefined;

  /** Milliseconds until every bucket of `rules` holds a token (0 when they do now). */
  const waitFor = (rules: readonly RateRule[], now: number): number =>
    Math.max(0, ...rules.map((r) => buckets.msUntilToken(buckets.get(r.key, r, now))));

  const pump = () => {
    timer = undefined;
    const now = clock();
    let nextWait = Number.POSITIVE_INFINITY;
    for (const lane of [lanes.reply, lanes.bulk]) {
      for (let i = 0; i < lane.length; ) {
        const w = lane[i] as Waiter;
        const wait = waitFor(w.rules, now);
        if (wait <= 0) {
          for (const r of w.rules) buckets.get(r.key, r, now).tokens -= 1;
          lane.splice(i, 1);
          w.resolve();
        } else {
          nextWait = Math.min(nextWait, wait);
          i += 1;
        }
      }
    }
    if (Number.isFinite(nextWait)) timer = setTimeout(pump, Math.max(1, Math.ceil(nextWait)));
  };

  return {
    acquire(rules, lane) {
      return new Promise<void>((resolve) => {
        lanes[lane].push({ rules, resolve });
        if (timer !== undefined) clearTimeout(timer);
        pump();
      });
    },
    waiting: () => lanes.reply.length + lanes.bulk.length,
  };
}
