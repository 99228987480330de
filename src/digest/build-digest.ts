import type { DigestCandidate, DigestDocument, DigestEntry, Lang, TopicId } from "../domain/index.js";
import { type FilterMatcher, type FilterVerdict, NO_FILTERS } from "./chat-filter-matcher.js";
import { formatDigestDate } from "./digest-date.js";
import { digestStrings } from "./i18n.js";
import { detectStrongSignals } from "./strong-signals.js";

// One definition, in domain: the store reads candidates, the digest ranks them.
export type { DigestCandidate } from "../domain/index.js";

export interface DigestRequest {
  /** Empty means every topic. */
  readonly topics: readonly TopicId[];
  readonly lang: Lang;
  readonly timezone: string;
  /** Epoch ms: events last seen before this are out of the window. */
  readonly since: number;
  readonly maxEntries?: number | undefined;
  /** Events this chat was already shown, with their item count then. */
  readonly alreadySent?: ReadonlyMap<string, number> | undefined;
  /** Editorial weight per topic (config/topics.yaml); 1 when missing. */
  readonly topicWeights?: ReadonlyMap<string, number> | undefined;
  /** Events below this relevance are not news for the bot's readers. */
  readonly minRelevance?: number | undefined;
  /** The chat's watches (in outside its topics, marked) and mutes (out everywhere, counted). */
  readonly filters?: FilterMatcher | undefined;
}

export const DEFAULT_MAX_ENTRIES = 7;
const HOUR = 3_600_000;

/**
 * Importance of an event for a reader now: outlets count most (independent confirmation),
 * then article volume, freshness (half-life 12 h), the topic's weight times relevance, and
 * strong signals (a missile launch, a summit, a treaty …).
 */
export function importance(c: DigestCandidate, request: DigestRequest, now: number): number {
  return baseImportance(c, request, now) + signalBonus(c);
}

const SIGNAL_WEIGHT = 0.8;
const MAX_SIGNALS = 2;

function baseImportance(c: DigestCandidate, request: DigestRequest, now: number): number {
  const topicWeight = Math.max(1, ...c.topics.map((t) => request.topicWeights?.get(t) ?? 1));
  const ageHours = Math.max(0, now - c.lastSeen) / HOUR;
  return (
    2 * Math.log2(1 + c.outlets.length) +
    0.5 * Math.log2(1 + c.itemCount) +
    1.5 * 0.5 ** (ageHours / 12) +
    topicWeight * c.relevance
  );
}

function signalBonus(c: DigestCandidate): number {
  const signals = c.strongSignals ?? detectStrongSignals(`${c.headline} ${c.summary}`);
  return SIGNAL_WEIGHT * Math.min(signals.length, MAX_SIGNALS);
}

type Ranked = { readonly c: DigestCandidate; readonly score: number };
const byRank = (a: Ranked, b: Ranked) =>
  b.score - a.score || b.c.lastSeen - a.c.lastSeen || (a.c.eventId < b.c.eventId ? -1 : 1);

/**
 * The top `n` by importance. Signal detection is the costly part, and its bonus is bounded, so
 * it runs only on candidates whose base score could still reach the top n: same result as
 * scoring everything, for a fraction of the work on a week's window.
 */
function topByImportance(candidates: readonly DigestCandidate[], request: DigestRequest, now: number, n: number) {
  const base = candidates.map((c) => ({ c, score: baseImportance(c, request, now) })).sort(byRank);
  const cutoff = (base[n - 1]?.score ?? Number.NEGATIVE_INFINITY) - SIGNAL_WEIGHT * MAX_SIGNALS;
  return base
    .filter((r) => r.score >= cutoff)
    .map((r) => ({ c: r.c, score: r.score + signalBonus(r.c) }))
    .sort(byRank)
    .slice(0, n)
    .map((r) => r.c);
}

const NEUTRAL: FilterVerdict = { muted: false };

/** In the window, relevant enough, and not already sent as it is now (watches and mutes aside). */
function inWindow(c: DigestCandidate, request: DigestRequest, now: number): boolean {
  if (c.lastSeen < request.since || c.firstSeen > now) return false;
  if (c.relevance < (request.minRelevance ?? 0)) return false;
  const sentCount = request.alreadySent?.get(c.eventId);
  return sentCount === undefined || c.itemCount > sentCount;
}

const inTopics = (c: DigestCandidate, topics: readonly TopicId[]) =>
  topics.length === 0 || c.topics.some((t) => topics.includes(t));

/** The candidates this chat gets, each with its verdict, and how many a mute held back. */
function selectForChat(candidates: readonly DigestCandidate[], request: DigestRequest, now: number) {
  const filters = request.filters ?? NO_FILTERS;
  const verdicts = new Map<DigestCandidate, FilterVerdict>();
  let muted = 0;
  const chosen = candidates.filter((c) => {
    if (!inWindow(c, request, now)) return false;
    const verdict = filters.active ? filters.judge(c.matchText ?? `${c.headline} ${c.summary}`) : NEUTRAL;
    const wanted = verdict.watched !== undefined || inTopics(c, request.topics);
    if (wanted && verdict.muted) muted += 1;
    if (!wanted || verdict.muted) return false;
    verdicts.set(c, verdict);
    return true;
  });
  return { chosen, verdicts, muted };
}

/** Outlets in the reader's language first; the others follow, marked with their language. */
function readersOutletsFirst(outlets: DigestCandidate["outlets"], lang: Lang): DigestEntry["sources"] {
  const own = outlets.filter((o) => o.lang === lang).map((o) => ({ name: o.name, url: o.url }));
  const other = outlets.filter((o) => o.lang !== lang).map((o) => ({ name: o.name, url: o.url, lang: o.lang }));
  return [...own, ...other];
}

/**
 * The digest a subscriber gets now: events in the window and topics, ranked by importance,
 * the top N (default 7); events already sent are left out unless they have grown, then marked
 * as updates. Pure: the same candidates, request and `now` give the same document.
 */
export function buildDigest(
  candidates: readonly DigestCandidate[],
  request: DigestRequest,
  now: number,
): DigestDocument {
  const selected = selectForChat(candidates, request, now);
  const chosen = topByImportance(selected.chosen, request, now, Math.max(0, request.maxEntries ?? DEFAULT_MAX_ENTRIES));
  const entries: DigestEntry[] = chosen.map((c) => ({
    ...entryOf(c, request.lang, request.alreadySent?.has(c.eventId) ?? false),
    // Every entry naming a watched phrase is marked, whether the watch or a topic brought it in.
    ...watchedOf(selected.verdicts.get(c)),
  }));
  return {
    lang: request.lang,
    title: formatDigestDate(now, request.timezone, request.lang),
    entries,
    totals: totalsOf(entries),
    ...footerOf(entries.length, selected.muted, request.lang),
  };
}

/** An event as a digest entry in `lang`, as it stands now. */
export function entryOf(c: DigestCandidate, lang: Lang, isUpdate: boolean): DigestEntry {
  return {
    eventId: c.eventId,
    headline: c.headline,
    summary: c.summary,
    ...(c.lang === lang ? {} : { lang: c.lang }),
    sources: readersOutletsFirst(c.outlets, lang),
    articles: c.itemCount,
    isUpdate,
  };
}

/** Reports and distinct outlets over a digest's entries. */
export function totalsOf(entries: readonly DigestEntry[]): DigestDocument["totals"] {
  const outlets = new Set(entries.flatMap((e) => e.sources.map((s) => s.name)));
  return { articles: entries.reduce((n, e) => n + e.articles, 0), outlets: outlets.size };
}

const watchedOf = (verdict: FilterVerdict | undefined) =>
  verdict?.watched === undefined ? {} : { watched: verdict.watched };

function footerOf(entries: number, muted: number, lang: Lang): { footer?: string } {
  const strings = digestStrings(lang);
  const lines = [...(entries === 0 ? [strings.empty] : []), ...(muted > 0 ? [strings.muted(muted)] : [])];
  return lines.length === 0 ? {} : { footer: lines.join(" ") };
}
