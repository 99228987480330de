import type { Lexicon } from "../analyze/lexicon.js";
import { createRelevanceScorer } from "../analyze/relevance.js";
import type { Env, Settings } from "../config/index.js";
import { loadLexicon } from "../config/lexicon.js";
import type { Concept, IngestStore, Logger, Source } from "../domain/index.js";
import { createFeedReaderPool, type IngestReport } from "../ingest/index.js";
import { runIngestPass } from "../ingest/run-ingest-pass.js";
import { createConfiguredSummarizer } from "../llm/configured-summarizer.js";
import type { Db } from "../store/database.js";
import { createSqliteEventStore, type EventStore } from "../store/events-repo.js";
import { createSqliteIngestStore } from "../store/ingest-store.js";
import { type Port, portOf } from "../store/port.js";
import { type AnalyzePendingResult, analyzePending } from "./analyze-pending.js";

/** The stores the pipeline writes: ingest's and analysis's ports, on SQLite or PostgreSQL. */
export interface NewsStores {
  readonly ingest: IngestStore;
  readonly events: Port<EventStore>;
}

/** The pipeline's stores on one SQLite file. */
export const sqliteNewsStores = (db: Db): NewsStores => ({
  ingest: createSqliteIngestStore(db),
  events: portOf(createSqliteEventStore(db)),
});

export interface NewsPipelineDeps {
  readonly stores: NewsStores;
  readonly env: Env;
  readonly sources: readonly Source[];
  readonly lexicon: Lexicon;
  /** The bilingual lexicon for clustering; config/lexicon.yaml unless given. */
  readonly concepts?: readonly Concept[];
  readonly settings: Settings;
  readonly logger: Logger;
  readonly now?: () => number;
}

export interface NewsPipeline {
  /** One polite pass over the sources into the store. */
  ingest(): Promise<IngestReport>;
  /** Relevance, topics, events and summaries for what the last passes stored. */
  analyze(): Promise<AnalyzePendingResult>;
}

/**
 * Feeds → items → events, wired once for `start`'s first refresh and the scheduler's ticks, so
 * both run the same code with the same settings.
 */
export function createNewsPipeline(deps: NewsPipelineDeps): NewsPipeline {
  const { stores, env, settings, lexicon, logger } = deps;
  const concepts = deps.concepts ?? loadLexicon();
  const now = deps.now ?? Date.now;
  // A looser bar than the digest's: an article page is fetched when the feed's title and lead
  // merely look relevant, since the full text is what settles it.
  const firstLook = createRelevanceScorer(lexicon, { threshold: settings.analysis.relevanceThreshold / 2 });
  const summarizer = createConfiguredSummarizer({
    llmBaseUrl: env.LLM_BASE_URL,
    llmModel: env.LLM_MODEL,
    llmApiKey: env.LLM_API_KEY,
    timeoutMs: settings.llm.timeoutMs,
    dailyBudget: settings.llm.dailyBudget,
    logger,
    now,
  });
  // One feed reader pool for every pass: its workers start once and keep their compiled
  // parsers, so only the first pass pays for warming them up (bench/ingest measures the
  // passes after). Idle workers never hold the process open.
  const feedReader = createFeedReaderPool({ logger });
  return {
    ingest: () =>
      runIngestPass({
        feedReader,
        sources: deps.sources,
        store: stores.ingest,
        settings: settings.ingest,
        isRelevant: (title, lead) => firstLook.score({ id: "", title, lead, text: "" }).relevant,
        logger,
        now,
      }),
    analyze: () =>
      analyzePending({
        store: stores.events,
        topics: lexicon,
        concepts,
        settings,
        now: now(),
        summarize: (request) => summarizer.summarize(request),
      }),
  };
}
