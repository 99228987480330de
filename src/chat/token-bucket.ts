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

interface Bucket {
  tokens: number;
  at: number;
  notified: boolean;
}

/** A token bucket per key (one per user), with the clock passed in. */
export function createTokenBuckets(options: TokenBucketOptions): (key: string, now: number) => TakeResult {
  const buckets = new Map<string, Bucket>();
  const sweep = (now: number) => {
    // A bucket that has refilled carries no information: forget it so the map holds only active users.
    const fullAfter = (options.capacity / options.refillPerSecond) * 1000;
    for (const [key, b] of buckets) if (now - b.at >= fullAfter) buckets.delete(key);
  };
  return (key, now) => {
    if (buckets.size > 10_000) sweep(now);
    const bucket = buckets.get(key) ?? { tokens: options.capacity, at: now, notified: false };
    bucket.tokens = Math.min(options.capacity, bucket.tokens + ((now - bucket.at) / 1000) * options.refillPerSecond);
    bucket.at = now;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.notified = false;
      return { allowed: true };
    }
    const notify = !bucket.notified;
    bucket.notified = true;
    return { allowed: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / options.refillPerSecond), notify };
  };
}
