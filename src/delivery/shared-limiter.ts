import {
  createDiscordLimiter,
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
const CLUSTER_HEADROOM = 0.95;
/**
 * Telegram counts by when a message reaches it: a send held up ~50 ms (a GC pause, a loaded
 * host) lands in the same second as the next ones, and 5% headroom is 50 ms. The overall pace
 * keeps 15% (a fan-out a little slower), one chat's and one group's 20% (a chat gets few parts:
 * the gap costs nothing there). A 120-chat fan-out on a loaded two-core CI run still drew one
 * refusal at 5%.
 */
const TELEGRAM_HEADROOM = 0.85;
const TELEGRAM_PLACE_HEADROOM = 0.8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A send that wakes this much after its slot does not go: timers that fired late together (a
 * busy event loop, a GC pause) would go out together, more than the budget's share in one
 * second. It takes a new slot instead; the late one stays unused.
 */
const LATE_MS = 15;
const MAX_TAKES = 3;

/** One send's claim on the shared budget: the overall key and its pace, and the per-place spacing. */
type BudgetRule = Parameters<SharedSendBudget["reserve"]>[0];

/**
 * A platform's limits as one budget for every replica: the process first paces itself with its
 * own limiter (whose `reply` lane overtakes its `bulk` lane), then the send takes its slot in the
 * shared budget and waits for it.
 */
function createSharedLimiter(
  budget: SharedSendBudget,
  local: PlatformLimiter,
  ruleFor: (chatId: string) => BudgetRule,
): PlatformLimiter {
  return {
    async acquire(chatId, lane) {
      await local.acquire(chatId, lane);
      const rule = ruleFor(chatId);
      for (let take = 1; ; take++) {
        const { at } = await budget.reserve(rule);
        const wait = at - Date.now();
        if (wait > 0) await sleep(wait);
        // Late again and again (a loop this busy is the problem): send rather than wait on forever.
        if (Date.now() - at <= LATE_MS || take >= MAX_TAKES) return;
      }
    },
    waiting: () => local.waiting(),
  };
}

/**
 * Telegram's limits as one budget for every replica of the bot: ~30 messages/s overall, 1/s per
 * chat, 20/min per group, however many processes send (a command answered before a fan-out's
 * next part still, within each process).
 */
export function createSharedTelegramLimiter(
  budget: SharedSendBudget,
  pace: Partial<TelegramPace> = {},
): PlatformLimiter {
  const p = { ...defaultTelegramPace, ...pace };
  const intervalMs = 1000 / (p.globalPerSecond * TELEGRAM_HEADROOM);
  return createSharedLimiter(budget, createTelegramLimiter(p), (chatId) => {
    // Two parts to one chat exactly a second apart land closer than that at the server after jitter.
    const gap = (windowMs: number, perWindow: number) => Math.ceil(windowMs / (perWindow * TELEGRAM_PLACE_HEADROOM));
    const spacing = [{ key: `tg:chat:${chatId}`, gapMs: gap(1000, p.chatPerSecond) }];
    if (chatId.startsWith("-")) spacing.push({ key: `tg:group:${chatId}`, gapMs: gap(60_000, p.groupPerMinute) });
    return { globalKey: "tg:global", intervalMs, spacing };
  });
}

/** Discord's 50 requests/s per bot, and its 5 messages per 5 s in one channel. */
export interface DiscordPace {
  readonly globalPerSecond: number;
  readonly channelPerWindow: number;
  readonly channelWindowMs: number;
}

export const defaultDiscordPace: DiscordPace = { globalPerSecond: 50, channelPerWindow: 5, channelWindowMs: 5000 };

/**
 * Discord's limits as one budget for every replica. In one process discord.js follows each
 * channel's bucket from the answers' headers; a replica that did not send the channel's last
 * message has not seen them, so across replicas a channel's messages are spaced evenly over its
 * window (with the headroom, as the window's edges are the server's), and the global 50/s is shared.
 */
export function createSharedDiscordLimiter(budget: SharedSendBudget, pace: Partial<DiscordPace> = {}): PlatformLimiter {
  const p = { ...defaultDiscordPace, ...pace };
  const intervalMs = 1000 / (p.globalPerSecond * CLUSTER_HEADROOM);
  const gapMs = Math.ceil(p.channelWindowMs / p.channelPerWindow / CLUSTER_HEADROOM);
  return createSharedLimiter(budget, createDiscordLimiter(p.globalPerSecond), (chatId) => ({
    globalKey: "dc:global",
    intervalMs,
    spacing: [{ key: `dc:channel:${chatId}`, gapMs }],
  }));
}
