/**
 * Token-bucket arithmetic shared by the per-user command limit (which refuses) and the send
 * limiter (which waits): a bucket per key holding up to `burst` tokens, regaining `perSecond`.
 */

export interface BucketRate {
  readonly perSecond: number;
  /** Tokens that may be spent at once. */
  readonly burst: number;
}

export interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms on the caller's clock). */
  at: number;
  readonly rate: BucketRate;
}

export interface BucketStore {
  /** The key's bucket, refilled to `now`; a key never seen (or forgotten when full) starts full. */
  get(key: string, rate: BucketRate, now: number): Bucket;
  /** Milliseconds until the bucket holds a whole token (0 when it does). */
  msUntilToken(bucket: Bucket): number;
  readonly size: number;
}

/** Buckets per key; past `maxKeys`, full buckets are forgotten, since a full bucket carries no information. */
export function createBucketStore(maxKeys: number): BucketStore {
  const buckets = new Map<string, Bucket>();
  const refill = (b: Bucket, now: number) => {
    b.tokens = Math.min(b.rate.burst, b.tokens + ((now - b.at) / 1000) * b.rate.perSecond);
    b.at = now;
  };
  const sweep = (now: number) => {
    for (const [key, b] of buckets) {
      if (b.tokens + ((now - b.at) / 1000) * b.rate.perSecond >= b.rate.burst) buckets.delete(key);
    }
  };
  return {
    get(key, rate, now) {
      if (buckets.size > maxKeys) sweep(now);
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        bucket = { tokens: rate.burst, at: now, rate };
        buckets.set(key, bucket);
      }
      refill(bucket, now);
      return bucket;
    },
    msUntilToken: (b) => Math.max(0, ((1 - b.tokens) / b.rate.perSecond) * 1000),
    get size() {
      return buckets.size;
    },
  };
}
