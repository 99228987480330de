import { type RateLimitData, REST } from "discord.js";

/** How Bantin's REST client talks to Discord (or to a stand-in at `api`). */
export interface DiscordRestOptions {
  readonly token: string;
  /** Base URL without the version, e.g. `https://discord.com/api` (DISCORD_API); discord.js's default when omitted. */
  readonly api?: string | undefined;
  /** Per-request timeout; discord.js retries after it, which the message nonce makes safe. */
  readonly timeoutMs?: number | undefined;
  /** How many times discord.js repeats a request after a 5xx or a timeout (429s are waited out, not counted). */
  readonly retries?: number | undefined;
}

export const DefaultDiscordRestOptions = { timeoutMs: 15_000, retries: 3 } as const;

/**
 * Discord's own 429 always says how long to wait (Retry-After); one without it is a proxy's or a
 * firewall's page. discord.js would then repeat the request at once, without end, each repeat
 * one more invalid request towards Discord's 10,000 per 10 minutes: rejected instead
 * (RateLimitError), it is the caller's failure to retry later. A 429 that says when, and the
 * waits discord.js plans itself, are waited out as before.
 */
export const rejectUnexplainedRateLimit = (limit: RateLimitData): boolean => limit.retryAfter <= 0;

/** discord.js's REST client (its per-route rate-limit queue included), pointed at `api` when given. */
export function createDiscordRest(options: DiscordRestOptions): REST {
  return new REST({
    version: "10",
    timeout: options.timeoutMs ?? DefaultDiscordRestOptions.timeoutMs,
    retries: options.retries ?? DefaultDiscordRestOptions.retries,
    rejectOnRateLimit: rejectUnexplainedRateLimit,
    ...(options.api === undefined ? {} : { api: options.api.replace(/\/+$/, "") }),
  }).setToken(options.token);
}
