import type { ArticleInput, Concept, Lang } from "../domain/index.js";
import { clusterItems } from "./cluster-items.js";
import { createEventLexicon } from "./event-lexicon.js";
import { inLanguage, reportsByLanguage } from "./event-texts.js";
import { summarizeExtractive } from "./extractive-summarizer.js";
import type { Lexicon } from "./lexicon.js";
import { createRelevanceScorer } from "./relevance.js";

export interface AnalyzeBatchOptions {
  /** Topics and their lexicon (config/topics.yaml): relevance and topic tags. */
  readonly lexicon: Lexicon;
  /** The bilingual lexicon (config/lexicon.yaml): what clustering reads both languages through. */
  readonly concepts: readonly Concept[];
  readonly relevanceThreshold: number;
  readonly windowHours: number;
  readonly lang: Lang;
  /** Upper bound for each event summary, in characters. */
  readonly maxSummaryChars: number;
}

/** The `analyze` command's output (docs/cli.md). */
export interface BatchAnalysis {
  readonly items: readonly {
    readonly id: string;
    readonly relevant: boolean;
    readonly score: number;
    readonly topics: readonly string[];
    readonly event: string;
  }[];
  readonly events: readonly {
    readonly id: string;
    readonly items: readonly string[];
    readonly headline: string;
    readonly summary: string;
  }[];
}

/**
 * Relevance, topics, events and event headlines and summaries for a batch, the same code the bot
 * runs: every item once, in input order, with its event. Ids must be unique.
 */
export function analyzeBatch(articles: readonly ArticleInput[], options: AnalyzeBatchOptions): BatchAnalysis {
  const scorer = createRelevanceScorer(options.lexicon, { threshold: options.relevanceThreshold });
  const clustering = clusterItems(articles, {
    windowHours: options.windowHours,
    lexicon: createEventLexicon(options.concepts),
  });
  const byId = new Map(articles.map((a) => [a.id, a]));
  const items = articles.map((a) => {
    const r = scorer.score(a);
    return {
      id: a.id,
      relevant: r.relevant,
      score: r.score,
      topics: [...r.topics],
      event: clustering.eventOf.get(a.id)!,
    };
  });
  const events = clustering.events.map((e) => {
    const shown = inLanguage(
      reportsByLanguage(
        e.itemIds.map((id) => byId.get(id)!),
        options.lang,
      ),
      options.lang,
    );
    const docs = shown?.docs ?? [];
    const summary = summarizeExtractive({ docs, lang: shown?.lang ?? options.lang, maxChars: options.maxSummaryChars });
    return { id: e.id, items: [...e.itemIds], headline: shown?.headline ?? "", summary: summary.text };
  });
  return { items, events };
}
