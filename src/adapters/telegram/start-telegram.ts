import type { CommandCore } from "../../chat/index.js";
import type { DeliverySender } from "../../delivery/outbox-relay.js";
import { createTelegramLimiter, type PlatformLimiter } from "../../delivery/platform-limiters.js";
import type { DigestDocument, Lang, Logger } from "../../domain/index.js";
import type { WebhookOptions } from "./bot-lifecycle.js";
import { createTelegramBot } from "./telegram-bot.js";
import type { TelegramChatRegistry } from "./telegram-chat-registry.js";

export interface StartTelegramDeps {
  /** TELEGRAM_BOT_TOKEN. */
  readonly token: string;
  /** TELEGRAM_API_ROOT: another Bot API server (tests, a local one); Telegram's own when omitted. */
  readonly apiRoot?: string | undefined;
  /** TELEGRAM_WEBHOOK_URL, its secret and port: serve a webhook; absent: long polling. */
  readonly webhook?: WebhookOptions | undefined;
  readonly core: CommandCore;
  /** The subscription store: a chat gone or migrated is recorded there. */
  readonly chats: TelegramChatRegistry;
  /** The Telegram adapter's renderTelegramHtml. */
  readonly renderDigestHtml: (doc: DigestDocument) => string[];
  /** The command menu's language for users whose language has no menu of its own. */
  readonly defaultLang: Lang;
  readonly logger: Logger;
  /** The store's record of handled updates (see TelegramBotOptions.firstSeen). */
  readonly firstSeen?: ((updateId: number) => boolean | Promise<boolean>) | undefined;
  /** Telegram's limits; one budget with every replica's when they share a store. Default: this process's own. */
  readonly limiter?: PlatformLimiter | undefined;
  /** The process's stop: a start still waiting for Telegram gives up, rejecting. */
  readonly signal?: AbortSignal | undefined;
}

export interface RunningTelegram {
  /** The bot's @username, as getMe answered it. */
  readonly username: string;
  /** The outbox relay's sender for `platform = 'telegram'` rows. */
  readonly deliverySender: DeliverySender;
  /** Stop polling or serving the webhook. */
  stop(): Promise<void>;
}

/**
 * Start the Telegram bot: long polling, or a webhook when one is given. Command replies and
 * the relay's briefings share the process's one Telegram limiter (replies in its `reply` lane,
 * ahead of the relay's `bulk` lane). Resolves once the bot takes updates; a start that fails
 * (a refused token, a stop while Telegram cannot be reached) stops what it started and rejects.
 */
export async function startTelegram(deps: StartTelegramDeps): Promise<RunningTelegram> {
  const { logger, webhook, signal } = deps;
  const bot = createTelegramBot({
    token: deps.token,
    apiRoot: deps.apiRoot,
    core: deps.core,
    chats: deps.chats,
    renderDigestHtml: deps.renderDigestHtml,
    defaultLang: deps.defaultLang,
    limiter: deps.limiter ?? createTelegramLimiter(),
    logger: logger.child({ adapter: "telegram" }),
    ...(deps.firstSeen === undefined ? {} : { firstSeen: deps.firstSeen }),
  });
  try {
    if (webhook === undefined) {
      await bot.startPolling(signal);
      logger.info({ username: bot.bot.botInfo.username }, "telegram bot polling");
    } else {
      const port = await bot.startWebhook(webhook, signal);
      logger.info({ username: bot.bot.botInfo.username, port }, "telegram webhook listening");
    }
  } catch (error) {
    await bot.stop();
    throw error;
  }
  return { username: bot.bot.botInfo.username, deliverySender: bot.deliverySender, stop: () => bot.stop() };
}
