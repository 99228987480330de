import { createHash } from "node:crypto";
import { createEventClusterer, DEFAULT_CLUSTER_OPTIONS } from "../analyze/event-clusterer.js";
import { createEventLexicon } from "../analyze/event-lexicon.js";
import { inLanguage, reportsByLanguage, SUMMARY_CHARS } from "../analyze/event-texts.js";
import { summarizeExtractive } from "../analyze/extractive-summarizer.js";
import type { Lexicon } from "../analyze/lexicon.js";
import { createRelevanceScorer } from "../analyze/relevance.js";
import type { Summary, SummaryRequest } from "../analyze/summarizer.js";
import type { Settings } from "../config/index.js";
import type { ArticleInput, Concept, Lang } from "../domain/index.js";
import type { EventMerge, EventStore, ItemAnalysis, StoredArticle } from "../store/events-repo.js";
import type { Port } from "../store/port.js";

export interface AnalyzePendingDeps {
  /** Events and their items, on SQLite (behind portOf) or PostgreSQL. */
  readonly store: Port<EventStore>;
  readonly topics: Lexicon;
  /** The bilingual lexicon clustering reads both languages through (config/lexicon.yaml). */
  readonly concepts: readonly Concept[];
  readonly settings: Settings;
  /** Epoch milliseconds. */
  readonly now: number;
  /** Summary for touched events; the offline extractive summarizer unless given. */
  readonly summarize?: ((req: SummaryRequest) => Summary | Promise<Summary>) | undefined;
  readonly lang?: Lang | undefined;
  /** Items analysed per call at most. */
  readonly batchSize?: number | undefined;
}

export interface AnalyzePendingResult {
  readonly analyzed: number;
  readonly relevant: number;
  readonly eventsTouched: number;
}

const toInput = (a: StoredArticle): ArticleInput => ({
  id: String(a.id),
  title: a.title,
  lead: a.lead,
  text: a.text,
  lang: a.lang,
  source: a.sourceId,
  url: a.url,
  publishedAt: a.publishedAt,
});

/**
 * Analyse what ingest stored since the last run: relevance and topics per item, event membership
 * against the recent window (the clusterer is rebuilt from it, so restarts change nothing), then
 * headline and summary for every event that gained items.
 */
export async function analyzePending(deps: AnalyzePendingDeps): Promise<AnalyzePendingResult> {
  const { store } = deps;
  const pending = await store.unanalyzed(deps.batchSize ?? 5000);
  if (pending.length === 0) return { analyzed: 0, relevant: 0, eventsTouched: 0 };
  const { relevanceThreshold, eventWindowHours } = deps.settings.analysis;
  const scorer = createRelevanceScorer(deps.topics, { threshold: relevanceThreshold });
  const clusterer = createEventClusterer(
    { windowHours: eventWindowHours, threshold: DEFAULT_CLUSTER_OPTIONS.threshold },
    { newEventId: (firstItemId) => `ev-${firstItemId}` },
  );
  const eventLexicon = createEventLexicon(deps.concepts);
  const features = (a: ArticleInput) => eventLexicon.features(a);

  const oldest = Math.min(...pending.map((p) => p.publishedAt));
  for (const stored of await store.recentAnalyzed(oldest - eventWindowHours * 3_600_000)) {
    if (stored.eventId !== undefined) {
      const input = toInput(stored);
      clusterer.restore(
        { id: input.id, publishedAt: input.publishedAt, lang: input.lang, terms: features(input) },
        stored.eventId,
      );
    }
  }
  const inputs = pending.map(toInput);
  const terms = inputs.map(features);
  for (const t of terms) clusterer.observe(t);
  const analyses: ItemAnalysis[] = [];
  const merges: EventMerge[] = [];
  let relevant = 0;
  inputs.forEach((input, i) => {
    const r = scorer.score(input);
    if (r.relevant) relevant++;
    const { eventId, absorbed } = clusterer.add({
      id: input.id,
      publishedAt: input.publishedAt,
      lang: input.lang,
      terms: terms[i]!,
    });
    for (const from of absorbed) merges.push({ from, into: eventId });
    analyses.push({ itemId: pending[i]!.id, relevance: r.score, topics: r.topics, eventId, analyzedAt: deps.now });
  });
  // Young events of this batch that are one story merge (the older event absorbs the younger).
  for (const { from, into } of clusterer.settle()) merges.push({ from, into });
  // A merge later in the batch may have moved an item placed earlier: store where each one is now.
  const placed = analyses.map((a, i) => ({ ...a, eventId: clusterer.eventOf(inputs[i]!.id) ?? a.eventId }));
  await store.saveAnalyses(placed, merges);

  const summarize = deps.summarize ?? summarizeExtractive;
  const lang = deps.lang ?? "vi";
  const touched = [...new Set(placed.map((a) => a.eventId))].sort();
  for (const eventId of touched) {
    const texts = [];
    for (const reports of reportsByLanguage((await store.eventItems(eventId)).map(toInput), lang)) {
      const summary = await summarize({ docs: reports.docs, lang: reports.lang, maxChars: SUMMARY_CHARS });
      texts.push({
        eventId,
        lang: reports.lang,
        headline: reports.headline,
        method: summary.method,
        inputHash: createHash("sha256")
          .update(reports.docs.map((d) => d.id).join(","))
          .digest("hex")
          .slice(0, 16),
        summary: summary.text,
        createdAt: deps.now,
      });
    }
    const shown = inLanguage(texts, lang);
    if (shown !== undefined) await store.saveEventTexts(eventId, shown.headline, texts);
  }
  return { analyzed: placed.length, relevant, eventsTouched: touched.length };
}
