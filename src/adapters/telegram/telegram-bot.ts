import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type RunnerHandle, run, sequentialize } from "@grammyjs/runner";
import { Bot, type Context, HttpError, webhookCallback } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { ChatContext, ChatType, CommandCore, Reply } from "../../chat/index.js";
import { errorMessage } from "../../chat/index.js";
import { inLane, type PlatformLimiter } from "../../delivery/platform-limiters.js";
import type { ChatId, DigestDocument, Lang, Logger } from "../../domain/index.js";
import { chatId, silentLogger } from "../../domain/index.js";
import { createAdminCheck } from "./admin-check.js";
import { registerBotCommands } from "./bot-commands.js";
import { optionalCall } from "./optional-call.js";
import { TOPIC_BUTTON_PREFIX, topicKeyboard, toTelegramReply } from "./reply-html.js";
import { createTelegramSender, type TelegramSender } from "./telegram-sender.js";

/** What the bot changes in the subscription store on the platform's say-so (the store satisfies it). */
export interface TelegramChatRegistry {
  deactivate(platform: "telegram", chat: ChatId, reason: "blocked" | "chat-not-found", now: number): void;
  migrateChat(platform: "telegram", from: ChatId, to: ChatId, chatType: "supergroup", now: number): void;
}

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
}

export interface WebhookOptions {
  /** The public HTTPS URL Telegram posts updates to. */
  readonly url: string;
  /** Sent back by Telegram in X-Telegram-Bot-Api-Secret-Token; requests without it get 401. */
  readonly secretToken: string;
  readonly port: number;
  readonly host?: string;
}

export interface TelegramBot {
  readonly bot: Bot;
  /** The delivery relay's sender (briefings, alerts): the limiter's `bulk` lane, behind command replies. */
  readonly bulkSender: TelegramSender;
  /**
   * Registers the command menu and starts long polling through @grammyjs/runner. While Telegram
   * cannot be reached it keeps trying (logged once); `signal` gives up, rejecting.
   */
  startPolling(signal?: AbortSignal): Promise<void>;
  /** Registers the command menu and the webhook, and serves it; resolves with the bound port. */
  startWebhook(options: WebhookOptions, signal?: AbortSignal): Promise<number>;
  stop(): Promise<void>;
}

const chatTypeOf = (type: string): ChatType =>
  type === "group" || type === "supergroup" || type === "channel" ? type : "private";

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
  const senderIn = (lane: "reply" | "bulk") =>
    createTelegramSender({
      api: bot.api,
      limiter: inLane(options.limiter, lane),
      onChatGone: (chat, reason) => {
        logger.info({ chatId: chat, reason }, "telegram chat gone: subscription deactivated");
        options.chats.deactivate("telegram", chat, reason, now());
      },
      onChatMigrated: (from, to) => options.chats.migrateChat("telegram", from, to, "supergroup", now()),
      logger,
    });
  const replySender = senderIn("reply");
  const bulkSender = senderIn("bulk");
  const isAdmin = createAdminCheck(bot.api, logger);

  const contextOf = (ctx: Context): ChatContext | undefined => {
    const chat = ctx.chat;
    if (chat === undefined) return undefined;
    const type = chatTypeOf(chat.type);
    const user = ctx.from;
    return {
      platform: "telegram",
      chatId: chatId(chat.id),
      userId: String(user?.id ?? chat.id),
      chatType: type,
      // Only a channel's admins can post in it; elsewhere ask Telegram (private chats never ask).
      isAdmin: async () => type === "channel" || (user !== undefined && (await isAdmin(chat.id, user.id))),
      language: user?.language_code,
    };
  };

  const deliver = async (chat: ChatId, replies: readonly Reply[]) => {
    for (const reply of replies) {
      const { parts, replyMarkup } = toTelegramReply(reply, options.renderDigestHtml);
      const result = await replySender.send(chat, parts, replyMarkup === undefined ? {} : { replyMarkup });
      if (result.status !== "ok") logger.warn({ chatId: chat, result }, "telegram reply not delivered");
      if (result.status === "blocked") return;
    }
  };

  // Updates of one chat are handled in order (the runner is concurrent across chats).
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));

  bot.on("message:migrate_to_chat_id", (ctx) => {
    options.chats.migrateChat(
      "telegram",
      chatId(ctx.chat.id),
      chatId(ctx.message.migrate_to_chat_id),
      "supergroup",
      now(),
    );
  });

  bot.on(["message:text", "channel_post:text"], async (ctx) => {
    const text = ctx.msg.text;
    // "/digest@OtherBot" in a group is not for us.
    const addressee = /^\/[^\s@]+@(\S+)/.exec(text.trimStart())?.[1];
    if (addressee !== undefined && addressee.toLowerCase() !== ctx.me.username.toLowerCase()) return;
    const chat = contextOf(ctx);
    if (chat === undefined) return;
    await deliver(chat.chatId, await options.core.handle(text, chat));
  });

  // Answering the button and editing the keyboard are optional: the toggle is stored either way.
  bot.on("callback_query:data", async (ctx) => {
    const data = ctx.callbackQuery.data;
    const chat = contextOf(ctx);
    const message = ctx.callbackQuery.message;
    const answer = (extra?: Parameters<Context["answerCallbackQuery"]>[0]) =>
      optionalCall(logger, "answerCallbackQuery", () => ctx.answerCallbackQuery(extra));
    if (!data.startsWith(TOPIC_BUTTON_PREFIX) || chat === undefined || message === undefined) {
      await answer();
      return;
    }
    const [reply] = await options.core.toggleTopic(data.slice(TOPIC_BUTTON_PREFIX.length), chat);
    if (reply?.kind === "topics") {
      await answer();
      await optionalCall(logger, "editMessageReplyMarkup", () =>
        ctx.api.editMessageReplyMarkup(message.chat.id, message.message_id, {
          reply_markup: topicKeyboard(reply.topics),
        }),
      );
    } else if (reply?.kind === "error") {
      await answer({ text: errorMessage(reply.lang, reply.key, reply.params), show_alert: true });
    } else await answer();
  });

  // The runner retries getUpdates by itself; an outage is said through our logger, once, with the
  // recovery, instead of the runner's console stack trace on every retry (it runs `silent`).
  let pollingDown = false;
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    try {
      const result = await prev(method, payload, signal);
      if (pollingDown) logger.info("telegram updates flowing again");
      pollingDown = false;
      return result;
    } catch (error) {
      if (!pollingDown && signal?.aborted !== true) {
        logger.warn({ reason: (error as Error).message }, "cannot fetch Telegram updates; retrying with backoff");
      }
      pollingDown = true;
      throw error;
    }
  });

  bot.catch((error) => {
    logger.error({ err: error.error, updateId: error.ctx.update.update_id }, "telegram update failed");
  });

  let runner: RunnerHandle | undefined;
  let server: Server | undefined;
  const menu = retryingCommandMenu(
    () => registerBotCommands(bot.api, options.defaultLang, logger),
    options.menuRetryMs ?? MENU_RETRY_FIRST_MS,
    logger,
  );

  const prepare = async (stopSignal: AbortSignal | undefined) => {
    // grammY types its signal with the abort-controller shim's AbortSignal; Node's is the same at run time.
    const signal = stopSignal as Parameters<Bot["init"]>[0];
    // A first getMe of our own: a refused token fails at once (grammY's init would too), and a
    // Telegram that cannot be reached is said once, before init's quiet retries with backoff.
    try {
      bot.botInfo = await bot.api.getMe(signal);
    } catch (error) {
      if (!(error instanceof HttpError) || signal?.aborted) throw error;
      logger.warn({ reason: error.message }, "cannot reach Telegram yet; retrying until it answers");
      await bot.init(signal);
    }
    await menu.start();
  };

  return {
    bot,
    bulkSender,
    async startPolling(signal) {
      await prepare(signal);
      // Optional: with no webhook set there is nothing to delete, and a server may not offer it.
      // If a webhook is set and stays set, getUpdates says so, and polling retries with backoff.
      await optionalCall(logger, "deleteWebhook", () => bot.api.deleteWebhook());
      runner = run(bot, {
        runner: {
          silent: true,
          fetch: {
            timeout: pollTimeoutSeconds,
            allowed_updates: ["message", "channel_post", "callback_query"],
          },
        },
      });
    },
    async startWebhook(webhook, signal) {
      await prepare(signal);
      const handle = webhookCallback(bot, "http", { secretToken: webhook.secretToken });
      server = createServer((req, res) => void handle(req, res));
      await new Promise<void>((resolve) => server?.listen(webhook.port, webhook.host ?? "0.0.0.0", resolve));
      await bot.api.setWebhook(webhook.url, {
        secret_token: webhook.secretToken,
        allowed_updates: ["message", "channel_post", "callback_query"],
      });
      return (server.address() as AddressInfo).port;
    },
    async stop() {
      menu.stop();
      if (runner?.isRunning()) await runner.stop();
      if (server !== undefined) {
        const s = server;
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}

/** How long start-up waits for the command menu before going on without it (it keeps trying). */
const MENU_WAIT_MS = 5_000;
const MENU_RETRY_FIRST_MS = 10 * 60_000;
const MENU_RETRY_MAX_MS = 6 * 3_600_000;

/**
 * The command menu, set at start and, when the server refuses it, again later (10 minutes,
 * doubling to 6 hours) until it takes. Start-up waits for the first attempt only briefly: a
 * server that answers slowly must not delay the bot's first answers.
 */
function retryingCommandMenu(register: () => Promise<boolean>, firstRetryMs: number, logger: Logger) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const attempt = (delayMs: number): Promise<void> =>
    register().then((done) => {
      if (done || stopped) return;
      logger.info({ retryInSeconds: delayMs / 1000 }, "telegram command menu not set; trying again later");
      timer = setTimeout(() => void attempt(Math.min(delayMs * 2, MENU_RETRY_MAX_MS)), delayMs);
      timer.unref();
    });
  return {
    async start() {
      const first = attempt(firstRetryMs);
      let wait: NodeJS.Timeout | undefined;
      await Promise.race([first, new Promise<void>((resolve) => (wait = setTimeout(resolve, MENU_WAIT_MS)))]);
      clearTimeout(wait);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
