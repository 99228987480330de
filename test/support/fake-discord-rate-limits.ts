import type { ServerResponse } from "node:http";
import { sendJson } from "./fake-discord-wire.js";

/** A per-channel message bucket: `limit` posts per `windowMs`, as Discord's 5 per 5 s. */
export interface Bucket {
  readonly limit: number;
  readonly windowMs: number;
}

/** Per-channel rate-limit windows with Discord's real X-RateLimit-* headers. */
export function createRateLimits(bucket: Bucket) {
  const windows = new Map<string, { resetAt: number; used: number }>();
  return {
    /** The channel's current window (a new one once the last has reset) and the headers of an answer in it. */
    window(channelId: string, now: number) {
      let w = windows.get(channelId);
      if (w === undefined || w.resetAt <= now) {
        w = { resetAt: now + bucket.windowMs, used: 0 };
        windows.set(channelId, w);
      }
      const resetAfter = (w.resetAt - now) / 1000;
      return {
        window: w,
        headers: {
          "x-ratelimit-limit": String(bucket.limit),
          "x-ratelimit-remaining": String(Math.max(0, bucket.limit - w.used - 1)),
          "x-ratelimit-reset": (w.resetAt / 1000).toFixed(3),
          "x-ratelimit-reset-after": resetAfter.toFixed(3),
          "x-ratelimit-bucket": `fake-bucket-${channelId}`,
        },
      };
    },
  };
}

/** Discord's 429: its body, Retry-After and scope headers; returns the status. */
export function tooMany(res: ServerResponse, retryAfter: number, global: boolean, headers: Record<string, string>) {
  const extra: Record<string, string> = { "retry-after": String(Math.ceil(retryAfter)), "x-ratelimit-scope": "user" };
  if (global) extra["x-ratelimit-global"] = "true";
  sendJson(
    res,
    429,
    { message: "You are being rate limited.", retry_after: retryAfter, global },
    { ...headers, "x-ratelimit-remaining": "0", ...extra },
  );
  return 429;
}
