import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type RunnerHandle, run } from "@grammyjs/runner";
import { type Api, type Bot, HttpError, webhookCallback } from "grammy";
import type { Lang, Logger } from "../../domain/index.js";
import { registerBotCommands } from "./bot-commands.js";
import { optionalCall } from "./optional-call.js";

export interface WebhookOptions {
  /** The public HTTPS URL Telegram posts updates to. */
  readonly url: string;
  /** Sent back by Telegram in X-Telegram-Bot-Api-Secret-Token; requests without it get 401. */
  readonly secretToken: string;
  readonly port: number;
  readonly host?: string;
}

export interface BotLifecycleOptions {
  readonly defaultLang: Lang;
  /** Long-poll timeout of getUpdates, in seconds. */
  readonly pollTimeoutSeconds: number;
  /** First retry of a command menu the server refused, in ms (doubling to 6 hours). */
  readonly menuRetryMs: number;
  readonly logger: Logger;
}

/** Starting and stopping a bot: the command menu, then long polling or a webhook. */
export interface BotLifecycle {
  /**
   * Registers the command menu and starts long polling through @grammyjs/runner. While Telegram
   * cannot be reached it keeps trying (logged once); `signal` gives up, rejecting.
   */
  startPolling(signal?: AbortSignal): Promise<void>;
  /** Registers the command menu and the webhook, and serves it; resolves with the bound port. */
  startWebhook(options: WebhookOptions, signal?: AbortSignal): Promise<number>;
  /** Stops the menu's retries, the runner and the webhook server. */
  stop(): Promise<void>;
}

const ALLOWED_UPDATES = ["message", "channel_post", "callback_query"] as const;

/** How long start-up waits for the command menu before going on without it (it keeps trying). */
const MENU_WAIT_MS = 5_000;
export const MENU_RETRY_FIRST_MS = 10 * 60_000;
const MENU_RETRY_MAX_MS = 6 * 3_600_000;

/** Polling and webhook share one start: getMe (said once when Telegram cannot be reached yet), then the menu. */
export function createBotLifecycle(bot: Bot, options: BotLifecycleOptions): BotLifecycle {
  const { logger, pollTimeoutSeconds } = options;
  let runner: RunnerHandle | undefined;
  let server: Server | undefined;
  const menu = retryingCommandMenu(
    () => registerBotCommands(bot.api, options.defaultLang, logger),
    options.menuRetryMs,
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
    async startPolling(signal) {
      await prepare(signal);
      // Optional: with no webhook set there is nothing to delete, and a server may not offer it.
      // If a webhook is set and stays set, getUpdates says so, and polling retries with backoff.
      await optionalCall(logger, "deleteWebhook", () => bot.api.deleteWebhook());
      runner = run(bot, {
        runner: { silent: true, fetch: { timeout: pollTimeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] } },
      });
    },
    async startWebhook(webhook, signal) {
      await prepare(signal);
      const handle = webhookCallback(bot, "http", { secretToken: webhook.secretToken });
      server = createServer((req, res) => void handle(req, res));
      await new Promise<void>((resolve) => server?.listen(webhook.port, webhook.host ?? "0.0.0.0", resolve));
      await bot.api.setWebhook(webhook.url, {
        secret_token: webhook.secretToken,
        allowed_updates: [...ALLOWED_UPDATES],
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

/**
 * The runner retries getUpdates by itself; an outage is said through our logger, once, with the
 * recovery, instead of the runner's console stack trace on every retry (it runs `silent`).
 */
export function logPollingOutages(api: Api, logger: Logger): void {
  let pollingDown = false;
  api.config.use(async (prev, method, payload, signal) => {
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
}

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
