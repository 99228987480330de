import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { CommandCore } from "../../chat/index.js";
import type { DeliverySender } from "../../delivery/outbox-relay.js";
import { inLane, type PlatformLimiter } from "../../delivery/platform-limiters.js";
import type { DigestDocument, Lang, Logger } from "../../domain/index.js";
import { endsWholeChat, silentLogger } from "../../domain/index.js";
import { type BotLifecycle, createBotLifecycle, logPollingOutages, MENU_RETRY_FIRST_MS } from "./bot-lifecycle.js";
import { createChatContextReader } from "./chat-context.js";
import { commandMessages } from "./features/command-messages.js";
import { forumTopics } from "./features/forum-topics.js";
import { groupMigration } from "./features/group-migration.js";
import { topicButtons } from "./features/topic-buttons.js";
import type { TelegramChatRegistry } from "./telegram-chat-registry.js";
import { createTelegramDeliverySender } from "./telegram-delivery-sender.js";
import { createTelegramSender, type TelegramSender } from "./telegram-sender.js";

export type { WebhookOptions } from "./bot-lifecycle.js";
export type { TelegramChatRegistry } from "./telegram-chat-registry.js";

export interface TelegramBotOptions {
  readonly token: string;
  /** Another Bot API server (TELEGRAM_API_ROOT), without a trailing slash. */
  readonly apiRoot?: string | undefined;
  readonly core: CommandCore;
  readonly chats: TelegramChatRegistry;
  readonly renderDigestHtml: (doc: DigestDocument) => string[];
  readonly defaultLang: Lang;
  /**
   * The process's one Telegram limiter (`createTelegramLimiter`): command replies take its
   * `reply` lane and `bulkSender` its `bulk` lane, so a reply overtakes a fan-out in progress.
   */
  readonly limiter: PlatformLimiter;
  readonly logger?: Logger;
  readonly now?: () => number;
  /** Long-poll timeout of getUpdates, in seconds. */
  readonly pollTimeoutSeconds?: number;
  /** First retry of a command menu the server refused, in ms (doubling to 6 hours); default 10 minutes. */
  readonly menuRetryMs?: number;
  /** Skips getMe at start (tests, or a known bot). */
  readonly botInfo?: UserFromGetMe;
  /**
   * Whether an update is seen for the first time (the store's record of handled update ids):
   * a redelivered one is dropped, so a command is answered once. Absent: every update is handled.
   */
  readonly firstSeen?: (updateId: number) => boolean | Promise<boolean>;
}

export interface TelegramBot extends BotLifecycle {
  readonly bot: Bot;
  /**
   * Sends outside the outbox on the limiter's `bulk` lane, behind command replies. A chat gone
   * for good is deactivated here, since no outbox row will end it.
   */
  readonly bulkSender: TelegramSender;
  /**
   * The outbox relay's sender for `platform = 'telegram'` rows (briefings, alerts), on the `bulk`
   * lane. It only reports a chat gone for good: the relay's outbox deactivates the subscription,
   * in one transaction with the rows it ends (OutboxStore.endSubscription).
   */
  readonly deliverySender: DeliverySender;
}

/**
 * A Telegram bot assembled from one Composer per feature (grammY's structure): commands in
 * messages, topic buttons, group migration; its lifecycle (menu, polling, webhook) apart.
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const pollTimeoutSeconds = options.pollTimeoutSeconds ?? 30;
  const bot = new Bot(options.token, {
    ...(options.botInfo === undefined ? {} : { botInfo: options.botInfo }),
    client: {
      ...(options.apiRoot === undefined ? {} : { apiRoot: options.apiRoot }),
      // grammY waits 500 s by default: a server that hangs would hold a send (and the relay) that long.
      // A long poll needs its own timeout and some slack.
      timeoutSeconds: pollTimeoutSeconds + 30,
    },
  });
  // The send's caller does not wait for the store: a failed write is logged, never thrown at it.
  const recorded = (write: void | Promise<void>) =>
    void Promise.resolve(write).catch((error: unknown) =>
      logger.error({ err: error }, "telegram: could not record a chat's change in the store"),
    );
  // One writer per refusal: a send outside the outbox deactivates a gone chat itself; the relay's
  // sender leaves that to the outbox, which ends the subscription with its rows in one transaction.
  const senderIn = (lane: "reply" | "bulk", outsideOutbox: boolean) =>
    createTelegramSender({
      api: bot.api,
      limiter: inLane(options.limiter, lane),
      ...(outsideOutbox
        ? {
            onChatGone: (place, reason) => {
              logger.info({ ...place, reason }, "telegram chat gone: subscription deactivated");
              // A topic closed or deleted ends that topic; the chat blocking us ends all its places.
              recorded(
                endsWholeChat(reason)
                  ? options.chats.deactivateChat("telegram", place.chatId, reason, now())
                  : options.chats.deactivate({ platform: "telegram", ...place }, reason, now()),
              );
            },
          }
        : {}),
      onChatMigrated: (from, to) => recorded(options.chats.migrateChat("telegram", from, to, "supergroup", now())),
      logger,
    });
  const chatContext = createChatContextReader(bot.api, logger);

  // Telegram resends an update whose webhook answer was lost or late, and getUpdates does after
  // a restart that had not acknowledged it: handled once, answered once.
  const firstSeen = options.firstSeen;
  if (firstSeen !== undefined) {
    bot.use(async (ctx, next) => {
      if (await firstSeen(ctx.update.update_id)) return next();
      logger.info({ updateId: ctx.update.update_id }, "telegram update seen before: not handled again");
    });
  }
  // Updates of one chat are handled in order (the runner is concurrent across chats).
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  bot.use(groupMigration(options.chats, now));
  bot.use(forumTopics(options.chats, now, logger));
  bot.use(
    commandMessages({
      core: options.core,
      chatContext,
      replySender: senderIn("reply", true),
      renderDigestHtml: options.renderDigestHtml,
      logger,
    }),
  );
  bot.use(topicButtons({ core: options.core, chatContext, logger }));
  logPollingOutages(bot.api, logger);
  bot.catch((error) => {
    logger.error({ err: error.error, updateId: error.ctx.update.update_id }, "telegram update failed");
  });

  const lifecycle = createBotLifecycle(bot, {
    defaultLang: options.defaultLang,
    pollTimeoutSeconds,
    menuRetryMs: options.menuRetryMs ?? MENU_RETRY_FIRST_MS,
    logger,
  });
  return {
    bot,
    bulkSender: senderIn("bulk", true),
    deliverySender: createTelegramDeliverySender(senderIn("bulk", false)),
    startPolling: (signal) => lifecycle.startPolling(signal),
    startWebhook: (webhook, signal) => lifecycle.startWebhook(webhook, signal),
    stop: () => lifecycle.stop(),
  };
}
