import { createRateLimiter, type Lane, type RateLimiter, type RateRule } from "./rate-limiter.js";

/** The pace of one platform, shared by briefings, alerts and command replies. */
export interface PlatformLimiter {
  /** Wait until a message to `chatId` may go out now. */
  acquire(chatId: string, lane: Lane): Promise<void>;
  waiting(): number;
}

export interface TelegramPace {
  /** Bots FAQ: about 30 messages/s overall. */
  readonly globalPerSecond: number;
  /** About 1 message/s in one chat. */
  readonly chatPerSecond: number;
  /** 20 messages/min in one group. */
  readonly groupPerMinute: number;
  /**
   * Overall sends that may go at once; default 10 ms worth of the rate, at least 2. With 1, a
   * timer or event loop a few milliseconds late loses those milliseconds on every send
   * (measured: 75% of the limit at 100/s, bench/fanout.bench.ts); the cost is at most `burst`
   * messages above the rate in any window, which the pace's headroom must cover.
   */
  readonly globalBurst?: number;
}

export const defaultTelegramPace: TelegramPace = { globalPerSecond: 30, chatPerSecond: 1, groupPerMinute: 20 };

const burstFor = (perSecond: number): number => Math.max(2, Math.ceil(perSecond * 0.01));

/**
 * Telegram's limits as buckets: overall, per chat, and per group. Group, supergroup and channel
 * ids are negative in the Bot API, so the chat id alone tells a group from a private chat.
 */
export function createTelegramLimiter(
  pace: Partial<TelegramPace> = {},
  limiter: RateLimiter = createRateLimiter(),
): PlatformLimiter {
  const p = { ...defaultTelegramPace, ...pace };
  const global: RateRule = {
    key: "tg:global",
    perSecond: p.globalPerSecond,
    burst: p.globalBurst ?? burstFor(p.globalPerSecond),
  };
  return {
    acquire(chatId, lane) {
      const rules: RateRule[] = [global, { key: `tg:chat:${chatId}`, perSecond: p.chatPerSecond, burst: 1 }];
      if (chatId.startsWith("-")) rules.push({ key: `tg:group:${chatId}`, perSecond: p.groupPerMinute / 60, burst: 1 });
      return limiter.acquire(rules, lane);
    },
    waiting: () => limiter.waiting(),
  };
}

/**
 * Discord: discord.js already follows each route's bucket from the response headers; what it
 * cannot know ahead is the global 50 requests/s per bot, so that is the one bucket kept here.
 */
export function createDiscordLimiter(
  globalPerSecond = 50,
  limiter: RateLimiter = createRateLimiter(),
): PlatformLimiter {
  const global: RateRule = { key: "dc:global", perSecond: globalPerSecond, burst: burstFor(globalPerSecond) };
  return {
    acquire: (_chatId, lane) => limiter.acquire([global], lane),
    waiting: () => limiter.waiting(),
  };
}

/**
 * The limiter as the Telegram adapter's `FloodLimiter` (`acquire(chat)`), in one lane: give the
 * bot's reply sender the `reply` lane and the relay's sender the `bulk` lane of the same limiter,
 * so both share Telegram's limits and replies overtake a fan-out.
 */
export function inLane(limiter: PlatformLimiter, lane: Lane): { acquire(chat: string): Promise<void> } {
  return { acquire: (chat) => limiter.acquire(chat, lane) };
}
