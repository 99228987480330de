import { join } from "node:path";
import { afterEach } from "vitest";
import { createTelegramBot, escapeTelegramHtml, type TelegramBot } from "../../src/adapters/telegram/index.js";
import { createTelegramLimiter, type TelegramPace } from "../../src/delivery/platform-limiters.js";
import type { DigestDocument, Logger } from "../../src/domain/index.js";
import { openDatabase } from "../../src/store/database.js";
import { createSqliteSubscriptionStore } from "../../src/store/subscriptions-repo.js";
import { seedNews } from "./chat-fixtures.js";
import { commandCoreOn } from "./command-core.js";
import { type FakeBotApi, startFakeBotApi, type UserMessage } from "./fake-bot-api.js";

/** Stands in for the digest renderer: one valid HTML part naming the digest. */
export const digestHtml = (doc: DigestDocument) => [
  `<b>${escapeTelegramHtml(doc.title)}</b>\n${doc.entries.length} &amp; more`,
];

export interface TelegramBotHarnessOptions {
  readonly pace?: Partial<TelegramPace>;
  /** Runs on the fake before the bot starts (to script odd answers for its start-up calls). */
  readonly beforeStart?: (fake: FakeBotApi) => void;
  readonly logger?: Logger;
  /** First retry of a refused command menu (the bot's default is 10 minutes). */
  readonly menuRetryMs?: number;
}

/**
 * A polling bot on a real SQLite file with seeded news, talking to a fresh fake Bot API with
 * generous limits; `say` sends a user's message and waits for the bot's answers. Everything
 * started is stopped after each test.
 */
export function useTelegramBots(tempDir: () => string) {
  const running: { fake: FakeBotApi; bot: TelegramBot }[] = [];
  afterEach(async () => {
    for (const { fake, bot } of running.splice(0)) {
      await bot.stop();
      await fake.close();
    }
  });
  return async (options: TelegramBotHarnessOptions = {}) => {
    const fake = await startFakeBotApi({
      limits: { perChatPerSecond: 50, perGroupPerMinute: 3000, globalPerSecond: 200 },
    });
    const db = openDatabase(join(tempDir(), "bantin.db"));
    seedNews(db, Date.now());
    const subscriptions = createSqliteSubscriptionStore(db, {
      timezone: "Asia/Ho_Chi_Minh",
      lang: "vi",
      times: ["07:00"],
    });
    const core = commandCoreOn(db, {
      subscriptions,
      composeDigest: (request) => ({
        lang: request.lang,
        title: `Bản tin <${request.topics.join(",") || "all"}>`,
        entries: [],
        totals: { articles: 0, outlets: 0 },
      }),
      defaults: { lang: "vi", since: "24h" },
      now: Date.now,
    });
    const bot = createTelegramBot({
      token: fake.token,
      apiRoot: fake.apiRoot,
      core,
      chats: subscriptions,
      renderDigestHtml: digestHtml,
      defaultLang: "vi",
      limiter: createTelegramLimiter(options.pace ?? { chatPerSecond: 40, groupPerMinute: 2400, globalPerSecond: 180 }),
      pollTimeoutSeconds: 1,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.menuRetryMs === undefined ? {} : { menuRetryMs: options.menuRetryMs }),
    });
    running.push({ fake, bot });
    options.beforeStart?.(fake);
    await bot.startPolling();
    /** A user writes; resolves with the bot's new messages in that chat once `count` arrived. */
    const say = async (
      chat: number,
      text: string,
      extra: Partial<Pick<UserMessage, "userId" | "chatType" | "threadId">> = {},
      count = 1,
    ) => {
      const before = fake.messagesTo(chat).length;
      fake.userSays({ chatId: chat, text, ...extra });
      await fake.waitFor(() => fake.messagesTo(chat).length >= before + count);
      return fake.messagesTo(chat).slice(before);
    };
    return { fake, bot, db, subscriptions, say };
  };
}
