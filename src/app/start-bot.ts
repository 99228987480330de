import type { Readable } from "node:stream";
import { runConsoleChat } from "../adapters/console/console-chat.js";
import { createConsoleDeliverySender } from "../adapters/console/console-delivery-sender.js";
import { renderTelegramHtml } from "../adapters/telegram/render-digest-html.js";
import { type RunningTelegram, type StartTelegramDeps, startTelegram } from "../adapters/telegram/start-telegram.js";
import type { CommandCore } from "../chat/index.js";
import { ConfigError, type Env, type Settings } from "../config/index.js";
import { loadLexicon } from "../config/lexicon.js";
import { loadTopics } from "../config/topics.js";
import type { DeliverySender } from "../delivery/outbox-relay.js";
import { renderPlainText } from "../digest/index.js";
import { type Logger, type Platform, topicWeightsOf } from "../domain/index.js";
import type { HttpServer } from "../http/http-server.js";
import { createOnDemandDigestComposer } from "../pipeline/compose-digest.js";
import { createNewsPipeline } from "../pipeline/news-pipeline.js";
import { refreshNews } from "../pipeline/refresh-news.js";
import { StoreError } from "../store/database.js";
import { type OpenedStores, openBotStores, type PlatformLimiters } from "./bot-stores.js";
import { type BriefingDeps, startBriefings } from "./briefings.js";
import { buildCommandCore } from "./chat-wiring.js";
import { discordConfigured, startActiveDiscord, startReplicaShards } from "./discord-wiring.js";
import { resolveNewsSources } from "./news-sources.js";
import { type AdapterStatus, startOpsServer, withCommandLatency } from "./ops-server.js";
import { loginTo } from "./platform-login.js";
import { startStandbyDelivery } from "./standby-delivery.js";
import { chatTopics } from "./topics.js";

export interface StartOptions {
  readonly env: Env;
  readonly settings: Settings;
  readonly logger: Logger;
  /** Use the console chat even when platform tokens are set. */
  readonly forceConsole: boolean;
  /** Read the bundled offline samples (true), the configured feeds (false), or decide (undefined: samples for a first console run). */
  readonly samples?: boolean | undefined;
  readonly input: Readable;
  readonly output: (text: string) => void;
  /**
   * Fires when the process is asked to stop (SIGTERM/SIGINT), at any time from the start:
   * startup stops after its current step, the platform bots run until it fires, the console
   * until it fires or its input ends. Everything started is stopped and the store closed.
   */
  readonly stopSignal: AbortSignal;
}

const whenAborted = (signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });

/**
 * `start`: opens the store, reads the sources and topics, runs one ingest + analyze pass, then
 * the console chat until its input ends (with no platform token, or with --console), or the
 * Telegram and/or Discord bots until the process is asked to stop. Scheduled briefings and
 * alerts go to whichever of them runs. A stop asked for during startup is honoured after the
 * step in progress (reading sources, the first ingest pass, starting a bot).
 */
export async function startBot(asked: StartOptions): Promise<void> {
  const { env, settings, logger } = asked;
  const opened = await openBotStores(env, settings, logger);
  const adapters: AdapterStatus = {};
  try {
    // Served from the start: a standby is a healthy replica, waiting.
    const ops = await startOpsServer(env, opened.stores.health, adapters, logger);
    let webhook: RunningTelegram | undefined;
    let shards: { stop(): Promise<void> } | undefined;
    try {
      requireBothDiscordVariables(env);
      const chat = chatSide(asked, opened.stores, ops);
      adapters.standby = true;
      // Behind a load balancer every replica serves Telegram's webhook, a standby too.
      webhook = opened.shared ? await startWebhookReplica(asked, chat.core, opened) : undefined;
      shards = startReplicaShards({ env, logger, ...chat, ...opened });
      const delivery = opened.shared
        ? startStandbyDelivery(env, opened.stores, opened.limiters, logger, webhook?.deliverySender)
        : undefined;
      const active = await opened.active(asked.stopSignal).finally(() => delivery?.stop());
      delete adapters.standby;
      if (!active) {
        logger.info({ after: "waiting as a standby" }, "stop requested during startup");
        return;
      }
      // A replica that lost the leader lock stops as if asked: another may be active by now.
      const options: StartOptions = { ...asked, stopSignal: AbortSignal.any([asked.stopSignal, opened.lost]) };
      await runBot(options, opened, { ...chat, webhook }, adapters);
    } finally {
      await shards?.stop();
      await webhook?.stop();
      await ops?.close();
    }
  } finally {
    await opened.close();
  }
  if (opened.lost.aborted && !asked.stopSignal.aborted) {
    throw new StoreError(
      "lost the PostgreSQL leader lock (its database session ended): stopped, as another replica may be active now; start again to stand by",
    );
  }
}

/** What answers the chats: the topics, the lexicon and the command core over the stores. */
interface ChatSide {
  readonly lexicon: ReturnType<typeof loadTopics>;
  readonly concepts: ReturnType<typeof loadLexicon>;
  readonly core: CommandCore;
  readonly useConsole: boolean;
}

function chatSide(options: StartOptions, stores: OpenedStores["stores"], ops: HttpServer | undefined): ChatSide {
  const { env, settings, logger } = options;
  const lexicon = loadTopics(env.BANTIN_TOPICS);
  const concepts = loadLexicon();
  const hasPlatform = env.TELEGRAM_BOT_TOKEN !== undefined || discordConfigured(env);
  const useConsole = options.forceConsole || !hasPlatform;
  const core = withCommandLatency(
    buildCommandCore({
      stores,
      env,
      settings,
      topics: chatTopics(lexicon),
      concepts,
      logger,
      composeDigest: createOnDemandDigestComposer(stores, {
        timezone: env.BANTIN_TZ,
        minRelevance: settings.analysis.relevanceThreshold,
        maxEntries: settings.digest.maxEntries,
        topicWeights: topicWeightsOf(lexicon.topics),
        concepts,
      }),
      rateLimited: !useConsole,
    }),
    ops,
  );
  return { lexicon, concepts, core, useConsole };
}

/**
 * On a shared store with TELEGRAM_WEBHOOK_URL set, the Telegram bot serves its webhook from the
 * start, standby or not: a load balancer may send any replica an update (a re-sent one is
 * handled once, by its telegram_updates key). Long polling stays the active replica's alone.
 */
async function startWebhookReplica(
  options: StartOptions,
  core: CommandCore,
  opened: OpenedStores,
): Promise<RunningTelegram | undefined> {
  const token = options.env.TELEGRAM_BOT_TOKEN;
  if (token === undefined || options.env.TELEGRAM_WEBHOOK_URL === undefined || options.forceConsole) return undefined;
  const deps = telegramDeps(options, core, opened, token);
  return loginTo(TELEGRAM_LOGIN, () => startTelegram(deps));
}

/** The bot on opened stores, until its stop signal fires (or the console's input ends). */
async function runBot(
  options: StartOptions,
  opened: OpenedStores,
  chat: ChatSide & { readonly webhook: RunningTelegram | undefined },
  adapters: AdapterStatus,
): Promise<void> {
  const { env, settings, logger } = options;
  const { stores, limiters } = opened;
  const { lexicon, concepts, core, useConsole } = chat;
  const stopping = (step: string): boolean => {
    if (options.stopSignal.aborted) logger.info({ after: step }, "stop requested during startup");
    return options.stopSignal.aborted;
  };
  const news = await resolveNewsSources(env, { console: useConsole, samples: options.samples }, logger);
  if (stopping("sources")) {
    await news.close();
    return;
  }
  try {
    const pipeline = createNewsPipeline({
      stores: stores.news,
      env,
      sources: news.sources,
      lexicon,
      concepts,
      settings,
      logger,
    });
    await refreshNews(pipeline, logger, options.stopSignal);
    if (stopping("first ingest pass")) return;
    const briefings = {
      stores,
      env,
      settings,
      lexicon,
      concepts,
      pipeline,
      logger,
      ingestOnStart: false,
      limiters,
    };
    if (useConsole) await runConsole(options, core, briefings, adapters);
    else await runPlatforms(options, core, briefings, adapters, chat.webhook);
  } finally {
    await news.close();
  }
}

type Briefings = Omit<BriefingDeps, "senders"> & { readonly limiters: PlatformLimiters };

/** The console chat, with scheduled briefings printed between replies; ends when stdin ends. */
async function runConsole(
  options: StartOptions,
  core: CommandCore,
  briefings: Briefings,
  adapters: AdapterStatus,
): Promise<void> {
  adapters.console = true;
  const scheduler = startBriefings({ ...briefings, senders: { console: createConsoleDeliverySender(options.output) } });
  try {
    const chat = runConsoleChat({
      core,
      input: options.input,
      output: options.output,
      renderDigest: renderPlainText,
      language: options.env.BANTIN_LANG,
    });
    const stopped = whenAborted(options.stopSignal).then(() => {
      // Stop reading: an open terminal would otherwise keep the process alive after the stop.
      options.input.destroy();
    });
    await Promise.race([chat, stopped]);
  } finally {
    await scheduler.stop();
  }
}

const TELEGRAM_LOGIN = { platform: "Telegram", tokenVariable: "TELEGRAM_BOT_TOKEN", apiVariable: "TELEGRAM_API_ROOT" };

/** The platform bots whose tokens are set, one scheduler delivering to all of them, until the process is stopped. */
async function runPlatforms(
  options: StartOptions,
  core: CommandCore,
  briefings: Briefings,
  adapters: AdapterStatus,
  webhook: RunningTelegram | undefined,
): Promise<void> {
  const { env, logger } = options;
  const senders: Partial<Record<Platform, DeliverySender>> = {};
  const stops: (() => Promise<void>)[] = [];
  const stopping = () => options.stopSignal.aborted;
  try {
    if (env.TELEGRAM_BOT_TOKEN !== undefined && !stopping()) {
      // Serving the webhook already (as a standby, until now): it goes on; the caller stops it.
      let telegram = webhook;
      if (telegram === undefined) {
        const deps = telegramDeps(options, core, briefings, env.TELEGRAM_BOT_TOKEN);
        const started = await loginTo(TELEGRAM_LOGIN, () => startTelegram(deps));
        stops.push(() => started.stop());
        telegram = started;
      }
      senders.telegram = telegram.deliverySender;
      adapters.telegram = true;
      stops.push(async () => {
        adapters.telegram = false;
      });
    }
    if (!stopping()) {
      const discord = await startActiveDiscord({ ...briefings, core });
      if (discord !== undefined) {
        stops.push(() => discord.stop());
        senders.discord = discord.deliverySender;
        adapters.discord = true;
      }
    }
    if (stopping()) {
      logger.info({ after: "starting the platforms" }, "stop requested during startup");
      return;
    }
    const scheduler = startBriefings({ ...briefings, senders });
    stops.unshift(() => scheduler.stop());
    await whenAborted(options.stopSignal);
  } catch (error) {
    // A stop while a platform was still logging in ends that login: a stop, not a failure.
    if (!stopping()) throw error;
    logger.info({ after: "starting the platforms" }, "stop requested during startup");
  } finally {
    // The scheduler first (its relay finishes sends on the wire), then the platforms.
    for (const stop of stops) await stop();
  }
}

/** What startTelegram needs from the environment; a webhook without its secret is refused by name. */
function telegramDeps(
  options: StartOptions,
  core: CommandCore,
  on: Pick<Briefings, "stores" | "limiters">,
  token: string,
): StartTelegramDeps {
  const { env } = options;
  if (env.TELEGRAM_WEBHOOK_URL !== undefined && env.TELEGRAM_WEBHOOK_SECRET === undefined) {
    throw new ConfigError(
      "environment: TELEGRAM_WEBHOOK_SECRET: expected a secret token when TELEGRAM_WEBHOOK_URL is set (Telegram sends it back on every update, so nobody else can post to the webhook)",
    );
  }
  const updates = on.stores.telegramUpdates;
  return {
    token,
    apiRoot: env.TELEGRAM_API_ROOT,
    webhook:
      env.TELEGRAM_WEBHOOK_URL === undefined || env.TELEGRAM_WEBHOOK_SECRET === undefined
        ? undefined
        : { url: env.TELEGRAM_WEBHOOK_URL, secretToken: env.TELEGRAM_WEBHOOK_SECRET, port: env.TELEGRAM_WEBHOOK_PORT },
    core,
    chats: on.stores.subscriptions,
    renderDigestHtml: renderTelegramHtml,
    defaultLang: env.BANTIN_LANG,
    logger: options.logger,
    firstSeen: (updateId) => updates.firstSeen(updateId, Date.now()),
    limiter: on.limiters.telegram,
    signal: options.stopSignal,
  };
}

/** Half a Discord configuration would start nothing and say nothing: refuse it by name. */
function requireBothDiscordVariables(env: Env): void {
  if ((env.DISCORD_TOKEN === undefined) === (env.DISCORD_APPLICATION_ID === undefined)) return;
  throw new ConfigError(
    env.DISCORD_TOKEN === undefined
      ? "environment: DISCORD_TOKEN: expected the bot's token when DISCORD_APPLICATION_ID is set (Developer Portal → Bot → Reset Token)"
      : "environment: DISCORD_APPLICATION_ID: expected the application's id when DISCORD_TOKEN is set (Developer Portal → General Information → Application ID)",
  );
}
