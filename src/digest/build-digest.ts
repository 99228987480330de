import type { DigestCandidate, DigestDocument, DigestEntry, Lang, TopicId } from "../domain/index.js";
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

function inScope(c: DigestCandidate, request: DigestRequest, now: number): boolean {
  if (c.lastSeen < request.since || c.firstSeen > now) return false;
  if (c.relevance < (request.minRelevance ?? 0)) return false;
  if (request.topics.length > 0 && !c.topics.some((t) => request.topics.includes(t))) return false;
  const sentCount = request.alreadySent?.get(c.eventId);
  return sentCount === undefined || c.itemCount > sentCount;
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
  const strings = digestStrings(request.lang);
  const chosen = topByImportance(
    candidates.filter((c) => inScope(c, request, now)),
    request,
    now,
    Math.max(0, request.maxEntries ?? DEFAULT_MAX_ENTRIES),
  );
  const entries: DigestEntry[] = chosen.map((c) => ({
    eventId: c.eventId,
    headline: c.headline,
    summary: c.summary,
    ...(c.lang === request.lang ? {} : { lang: c.lang }),
    sources: readersOutletsFirst(c.outlets, request.lang),
    articles: c.itemCount,
    isUpdate: request.alreadySent?.has(c.eventId) ?? false,
  }));
  const outlets = new Set(entries.flatMap((e) => e.sources.map((s) => s.name)));
  return {
    lang: request.lang,
    title: formatDigestDate(now, request.timezone, request.lang),
    entries,
    totals: { articles: entries.reduce((n, e) => n + e.articles, 0), outlets: outlets.size },
    ...(entries.length === 0 ? { footer: strings.empty } : {}),
  };
}
