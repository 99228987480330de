import {
  createTelegramLimiter,
  defaultTelegramPace,
  type PlatformLimiter,
  type TelegramPace,
} from "./platform-limiters.js";

/** A budget several processes draw from (the PostgreSQL store's `createPostgresSendBudget`). */
export interface SharedSendBudget {
  reserve(rule: {
    readonly globalKey: string;
    readonly intervalMs: number;
    readonly spacing: readonly { readonly key: string; readonly gapMs: number }[];
  }): Promise<{ readonly at: number }>;
}

/**
 * Even slots at exactly the limit land one over in a window after jitter: between the slot and
 * the server's clock lie a timer, an event loop shared with other sends, and the network.
 */
const CLUSTER_HEADROOM = 0.94;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A send that wakes this much after its slot does not go: timers that fired late together (a
 * busy event loop, a GC pause) would go out together, more than the budget's share in one
 * second. It takes a new slot instead; the late one stays unused.
 */
const LATE_MS = 15;
const MAX_TAKES = 3;

/**
 * Telegram's limits as one budget for every replica of the bot: ~30 messages/s overall, 1/s per
 * chat, 20/min per group, however many processes send. Each process still paces itself first
 * with its own limiter, whose `reply` lane overtakes its `bulk` lane (a command answered before
 * a fan-out's next part); then the send takes its slot in the shared budget and waits for it.
 */
export function createSharedTelegramLimiter(
  budget: SharedSendBudget,
  pace: Partial<TelegramPace> = {},
): PlatformLimiter {
  const p = { ...defaultTelegramPace, ...pace };
  const local = createTelegramLimiter(p);
  const intervalMs = 1000 / (p.globalPerSecond * CLUSTER_HEADROOM);
  return {
    async acquire(chatId, lane) {
      await local.acquire(chatId, lane);
      const spacing = [{ key: `tg:chat:${chatId}`, gapMs: Math.ceil(1000 / p.chatPerSecond) }];
      if (chatId.startsWith("-"))
        spacing.push({ key: `tg:group:${chatId}`, gapMs: Math.ceil(60_000 / p.groupPerMinute) });
      for (let take = 1; ; take++) {
        const { at } = await budget.reserve({ globalKey: "tg:global", intervalMs, spacing });
        const wait = at - Date.now();
        if (wait > 0) await sleep(wait);
        // Late again and again (a loop this busy is the problem): send rather than wait on forever.
        if (Date.now() - at <= LATE_MS || take >= MAX_TAKES) return;
      }
    },
    waiting: () => local.waiting(),
  };
}
