/** Telegram's flood limits as the fake Bot API enforces them. */
export interface FakeLimits {
  /** Messages per second in one chat (Telegram: about 1). */
  readonly perChatPerSecond: number;
  /** Messages per minute in one group (Telegram: 20). */
  readonly perGroupPerMinute: number;
  /** Messages per second overall (Telegram: about 30). */
  readonly globalPerSecond: number;
}

export const TELEGRAM_LIMITS: FakeLimits = { perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: 30 };

/** The flood limits, counted over sliding windows of the messages accepted so far. */
export function createFloodLimits(limits: FakeLimits, chatTypeOf: (chatId: string) => string) {
  const sendLog = new Map<string, number[]>();
  return {
    /** The `retry_after` (whole seconds, at least 1) a message to `chatId` at `at` gets, or undefined when it may go. */
    check(chatId: string, at: number): number | undefined {
      const windows: [string, number, number][] = [
        [`chat:${chatId}`, 1000, limits.perChatPerSecond],
        ["global", 1000, limits.globalPerSecond],
      ];
      if (chatTypeOf(chatId) !== "private") windows.push([`group:${chatId}`, 60_000, limits.perGroupPerMinute]);
      let wait = 0;
      for (const [key, span, max] of windows) {
        const log = (sendLog.get(key) ?? []).filter((t) => t > at - span);
        sendLog.set(key, log);
        const oldest = log[log.length - max];
        if (log.length >= max && oldest !== undefined) wait = Math.max(wait, oldest + span - at);
      }
      return wait > 0 ? Math.max(1, Math.ceil(wait / 1000)) : undefined;
    },
    /** Counts an accepted message in every window it falls in. */
    record(chatId: string, at: number): void {
      const keys = [`chat:${chatId}`, "global", ...(chatTypeOf(chatId) === "private" ? [] : [`group:${chatId}`])];
      for (const key of keys) sendLog.set(key, [...(sendLog.get(key) ?? []), at]);
    },
  };
}

export type FloodLimits = ReturnType<typeof createFloodLimits>;
