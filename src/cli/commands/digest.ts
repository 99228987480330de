import type { Command } from "commander";
import { renderDiscordMessages } from "../../adapters/discord/render-discord.js";
import { renderTelegramHtml } from "../../adapters/telegram/render-digest-html.js";
import { loadTopics } from "../../config/topics.js";
import { renderPlainText } from "../../digest/index.js";
import {
  DIGEST_WINDOW_MS,
  digestWindowOf,
  LANGS,
  type Lang,
  type TopicId,
  topicId,
  topicWeightsOf,
} from "../../domain/index.js";
import { composeDigestFrom } from "../../pipeline/compose-digest.js";
import { type CliContext, CommandError } from "../context.js";
import { openNewsStore } from "../news-store.js";

const FORMATS = ["text", "telegram", "discord", "json"] as const;
type Format = (typeof FORMATS)[number];

interface DigestOptions {
  topics?: string;
  since?: string;
  lang?: string;
  format: string;
  db?: string;
}

function parseLang(value: string | undefined, fallback: Lang): Lang {
  if (value === undefined) return fallback;
  if (!(LANGS as readonly string[]).includes(value))
    throw new CommandError(`--lang: expected vi or en, got "${value}"`);
  return value as Lang;
}

function parseFormat(value: string): Format {
  if (!(FORMATS as readonly string[]).includes(value)) {
    throw new CommandError(`--format: expected ${FORMATS.join(", ")}, got "${value}"`);
  }
  return value as Format;
}

function parseTopics(value: string | undefined, known: ReadonlyMap<string, number>): TopicId[] {
  if (value === undefined || value.trim() === "") return [];
  const ids = value
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  const unknown = ids.filter((t) => !known.has(t));
  if (unknown.length > 0) {
    throw new CommandError(`--topics: unknown topic ${unknown.join(", ")} (known: ${[...known.keys()].join(", ")})`);
  }
  return ids.map(topicId);
}

export function registerDigest(program: Command, ctx: CliContext): void {
  program
    .command("digest")
    .description("the digest a subscriber would get now")
    .option("--topics <ids>", "comma-separated topic ids (default: all)")
    .option("--since <window>", "24h, 3d or 7d (default: settings digest.defaultSince)")
    .option("--lang <lang>", "vi or en")
    .option("--format <format>", "text, telegram, discord or json", "text")
    .option(
      "--db <file>",
      "SQLite file (default: PostgreSQL at $BANTIN_DATABASE_URL when set, else $BANTIN_DB or data/bantin.db)",
    )
    .action(async (options: DigestOptions) => {
      const env = ctx.env();
      const settings = ctx.settings();
      const format = parseFormat(options.format);
      const lang = parseLang(options.lang, env.BANTIN_LANG);
      const window = options.since ?? settings.digest.defaultSince;
      const named = digestWindowOf(window);
      if (named === undefined) throw new CommandError(`--since: expected 24h, 3d or 7d, got "${window}"`);
      const windowMs = DIGEST_WINDOW_MS[named];
      const topicWeights = topicWeightsOf(loadTopics(env.BANTIN_TOPICS).topics);
      const topics = parseTopics(options.topics, topicWeights);
      const store = await openNewsStore(ctx, options.db);
      try {
        const now = Date.now();
        const doc = await composeDigestFrom(
          store.digest,
          {
            topics,
            lang,
            timezone: env.BANTIN_TZ,
            since: now - windowMs,
            maxEntries: settings.digest.maxEntries,
            minRelevance: settings.analysis.relevanceThreshold,
            topicWeights,
          },
          now,
        );
        if (format === "json") ctx.out(JSON.stringify(doc));
        else if (format === "telegram") ctx.out(JSON.stringify(renderTelegramHtml(doc)));
        else if (format === "discord") ctx.out(JSON.stringify(renderDiscordMessages(doc)));
        else ctx.out(renderPlainText(doc));
      } catch (cause) {
        throw store.failure(cause);
      } finally {
        await store.close();
      }
    });
}
