import type { ChatId } from "../../domain/index.js";

/** Telegram's published pace (Bots FAQ); tests scale these up to run in seconds. */
export interface FloodLimits {
  readonly perChatPerSecond: number;
  readonly perGroupPerMinute: number;
  readonly globalPerSecond: number;
}

export const TELEGRAM_FLOOD_LIMITS: FloodLimits = { perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: 30 };

export interface FloodLimiter {
  /** Waits until a message to this chat fits every limit, and reserves that moment for it. */
  acquire(chat: ChatId): Promise<void>;
}

/** The limiter's clock; tests pass a virtual one whose sleep moves time forward. */
export interface LimiterClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

const realClock: LimiterClock = {
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Group, supergroup and channel ids are negative on Telegram; private chats are positive. */
export const isGroupChat = (chat: ChatId): boolean => chat.startsWith("-");

/**
 * Shared by every send of the process. Each message reserves a moment spaced at least
 * 1/rate from the other reservations of its chat and from all others globally. Reservations
 * are slots, not a queue: a chat held back by its own limit does not hold back other chats,
 * so 500 messages to 100 chats flow at the global rate rather than one chat at a time.
 * Spacing (no bursts) is stricter than Telegram's windows, which keeps 429s rare; any 429
 * that still comes is the sender's to wait out.
 */
export function createFloodLimiter(limits: FloodLimits, clock: LimiterClock = realClock): FloodLimiter {
  const slots = new Map<string, number[]>();
  const globalGap = 1000 / limits.globalPerSecond;
  const chatGap = (chat: ChatId) =>
    isGroupChat(chat)
      ? Math.max(1000 / limits.perChatPerSecond, 60_000 / limits.perGroupPerMinute)
      : 1000 / limits.perChatPerSecond;

  /** The earliest moment at or after `t` at least `gap` away from every slot of `key` (kept sorted). */
  const earliest = (key: string, gap: number, t: number): number => {
    let at = t;
    for (const slot of slots.get(key) ?? []) {
      // A microsecond of slack, so gaps like 1000/30 ms do not lose slots to rounding.
      if (slot + gap <= at + 1e-3) continue;
      if (slot - gap >= at - 1e-3) break;
      at = slot + gap;
    }
    return at;
  };
  const reserve = (key: string, gap: number, at: number, current: number) => {
    const kept = (slots.get(key) ?? []).filter((s) => s > current - gap);
    const index = kept.findIndex((s) => s > at);
    kept.splice(index < 0 ? kept.length : index, 0, at);
    if (kept.length === 0) slots.delete(key);
    else slots.set(key, kept);
  };

  return {
    async acquire(chat) {
      const current = clock.now();
      const gap = chatGap(chat);
      let at = current;
      for (;;) {
        const next = Math.max(earliest(`chat:${chat}`, gap, at), earliest("global", globalGap, at));
        if (next === at) break;
        at = next;
      }
      reserve(`chat:${chat}`, gap, at, current);
      reserve("global", globalGap, at, current);
      if (at > current) await clock.sleep(at - current);
    },
  };
}
