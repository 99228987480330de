import type { Readable } from "node:stream";
import { runConsoleChat } from "../adapters/console/console-chat.js";
import { createConsoleDeliverySender } from "../adapters/console/console-delivery-sender.js";
import { createTelegramBot } from "../adapters/telegram/index.js";
import { createOnDemandDigestComposer } from "../chat/compose-digest.js";
import type { CommandCore } from "../chat/index.js";
import type { Env, Settings } from "../config/index.js";
import { loadSources } from "../config/sources.js";
import { loadTopics } from "../config/topics.js";
import { createTelegramDeliverySender } from "../delivery/telegram-delivery-sender.js";
import { renderPlainText, renderTelegramHtml } from "../digest/index.js";
import type { Logger } from "../domain/index.js";
import { openDatabase } from "../store/database.js";
import { type BriefingDeps, startBriefings } from "./briefings.js";
import { buildCommandCore, subscriptionStoreFor } from "./command-core.js";
import { refreshNews } from "./refresh-news.js";
import { chatTopics } from "./topics.js";

export interface StartOptions {
  readonly env: Env;
  readonly settings: Settings;
  readonly logger: Logger;
  /** Use the console chat even when platform tokens are set. */
  readonly forceConsole: boolean;
  readonly input: Readable;
  readonly output: (text: string) => void;
  /** Resolves when the process is asked to stop; the platform bots run until then (the console, until its input ends). */
  readonly untilStopped: () => Promise<void>;
}

/**
 * `start`: opens the store, reads the sources and topics, runs one ingest + analyze pass, then
 * the console chat until its input ends (with no platform token, or with --console), or the
 * Telegram bot until the process is asked to stop.
 */
export async function startBot(options: StartOptions): Promise<void> {
  const { env, settings, logger } = options;
  const lexicon = loadTopics(env.BANTIN_TOPICS);
  const sources = loadSources(env.BANTIN_SOURCES);
  const db = openDatabase(env.BANTIN_DB);
  try {
    await refreshNews({ db, sources, lexicon, settings, logger });
    const useConsole = options.forceConsole || env.TELEGRAM_BOT_TOKEN === undefined;
    const core = buildCommandCore({
      db,
      env,
      settings,
      topics: chatTopics(lexicon),
      logger,
      composeDigest: createOnDemandDigestComposer(db, {
        timezone: env.BANTIN_TZ,
        minRelevance: settings.analysis.relevanceThreshold,
        maxEntries: settings.digest.maxEntries,
        topicWeights: new Map(lexicon.topics.map((t) => [t.id, t.weight])),
      }),
      rateLimited: !useConsole,
    });
    const briefings = { db, env, settings, lexicon, sources, logger, ingestOnStart: false };
    if (useConsole) await runConsole(options, core, briefings);
    else await runTelegram(options, core, briefings);
  } finally {
    db.close();
  }
}

type Briefings = Omit<BriefingDeps, "senders">;

/** The console chat, with scheduled briefings printed between replies; ends when stdin ends. */
async function runConsole(options: StartOptions, core: CommandCore, briefings: Briefings): Promise<void> {
  const scheduler = startBriefings({ ...briefings, senders: { console: createConsoleDeliverySender(options.output) } });
  try {
    await runConsoleChat({
      core,
      input: options.input,
      output: options.output,
      renderDigest: renderPlainText,
      language: options.env.BANTIN_LANG,
    });
  } finally {
    await scheduler.stop();
  }
}

async function runTelegram(options: StartOptions, core: CommandCore, briefings: Briefings): Promise<void> {
  const { env, settings, logger } = options;
  const bot = createTelegramBot({
    token: env.TELEGRAM_BOT_TOKEN ?? "",
    apiRoot: env.TELEGRAM_API_ROOT,
    core,
    chats: subscriptionStoreFor(briefings.db, env, settings),
    renderDigestHtml: renderTelegramHtml,
    defaultLang: env.BANTIN_LANG,
    logger: logger.child({ adapter: "telegram" }),
  });
  await bot.startPolling();
  logger.info({ username: bot.bot.botInfo.username }, "telegram bot polling");
  const scheduler = startBriefings({ ...briefings, senders: { telegram: createTelegramDeliverySender(bot.sender) } });
  await options.untilStopped();
  await scheduler.stop();
  await bot.stop();
}
