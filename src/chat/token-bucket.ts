import { createBucketStore } from "../domain/index.js";

export interface TokenBucketOptions {
  /** Commands a user may send in a burst. */
  readonly capacity: number;
  /** Commands regained per second after the burst. */
  readonly refillPerSecond: number;
}

export type TakeResult =
  | { readonly allowed: true }
  /** `notify` is true only for the first refusal, so a spammer gets one polite notice, not one per message. */
  | { readonly allowed: false; readonly retryAfterSeconds: number; readonly notify: boolean };

/** A token bucket per key (one per user), with the clock passed in: refuses rather than waits. */
export function createTokenBuckets(options: TokenBucketOptions): (key: string, now: number) => TakeResult {
  const rate = { perSecond: options.refillPerSecond, burst: options.capacity };
  const buckets = createBucketStore(10_000);
  // Held by bucket, so a forgotten (refilled) bucket forgets its notice too.
  const notified = new WeakSet<object>();
  return (key, now) => {
    const bucket = buckets.get(key, rate, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      notified.delete(bucket);
      return { allowed: true };
    }
    const notify = !notified.has(bucket);
    notified.add(bucket);
    return { allowed: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / rate.perSecond), notify };
  };
}
