import type { ClusterState, PlacedReport } from "./cluster-state.js";
import { isAnchorKind, isLanguageFree } from "./cluster-terms.js";
import type { TermCounts } from "./event-features.js";
import { type ItemVector, unitTop } from "./event-profile.js";
import { COUNTRY_SYLLABLES } from "./stopwords.js";

/** An item as the clusterer sees it: its id, when, its language, and its terms. */
export interface ClusterInput {
  readonly id: string;
  /** Epoch milliseconds, when known; an item without time is taken to be within any window. */
  readonly publishedAt?: number | undefined;
  /** The report's language; reports in another are compared on their language-free terms. */
  readonly lang?: string | undefined;
  readonly terms: TermCounts;
}

/** Reports whose language is not known form a language of their own. */
const UNKNOWN_LANG = "?";
/** Every kind prefix of cluster-terms' TERM (`u:`, `b:`, `e:`…) is two characters. */
const KIND_PREFIX_LENGTH = 2;

/** A name made only of country syllables (`u:trieu`, `b:han quoc`): it anchors nothing. */
const isCountryName = (t: string) =>
  t
    .slice(KIND_PREFIX_LENGTH)
    .split(/[ -]/)
    .every((s) => COUNTRY_SYLLABLES.has(s));

/**
 * The item's strongest terms weighed by IDF, as a unit vector, and its language-free ones among
 * them as a second unit vector, for comparing across languages.
 */
function vectorOf(state: ClusterState, item: ClusterInput): ItemVector {
  const { tuning, stats } = state;
  const terms = item.terms;
  const long = terms.size > tuning.longTerms;
  const unshared = long ? 0 : tuning.unsharedWeight;
  const idfs = stats.idfs(terms, unshared);
  const weighted: [string, number][] = [];
  let i = 0;
  for (const [t, c] of terms) {
    const w = idfs[i++]!;
    if (w > 0) weighted.push([t, (1 + Math.log(1 + c)) * w]);
  }
  const n = long ? tuning.longItemTerms : tuning.itemTerms;
  const full = unitTop(weighted, n);
  // Only terms strong enough for the full vector are compared across languages too.
  const shared: [string, number][] = [];
  for (const [t, w] of full) if (isLanguageFree(t, terms.names)) shared.push([t, w]);
  return { lang: item.lang ?? UNKNOWN_LANG, full, shared: unitTop(shared, n) };
}

/** Strongest terms another item also has (a term seen once can find nothing), rarest breaking ties. */
function keyTermsOf(state: ClusterState, vector: ReadonlyMap<string, number>, n: number): string[] {
  const { stats } = state;
  const keys: string[] = [];
  for (const t of vector.keys()) {
    if (stats.df(t) > 1) keys.push(t);
    if (keys.length >= n) return keys;
  }
  for (const t of vector.keys()) {
    if (stats.df(t) <= 1) keys.push(t);
    if (keys.length >= n) break;
  }
  return keys;
}

/**
 * The report's own key terms and its strongest language-free ones, which find its events in
 * other languages (half as many: most are among its own keys already).
 */
function keysOf(state: ClusterState, v: ItemVector): string[] {
  const n = state.tuning.keyTerms;
  const keys = keyTermsOf(state, v.full, n);
  for (const t of keyTermsOf(state, v.shared, Math.ceil(n / 2))) if (!keys.includes(t)) keys.push(t);
  return keys;
}

const anchorsOf = (vector: ItemVector, names: ReadonlySet<string> | undefined) =>
  [...vector.full.keys()].filter((t) => isAnchorKind(t, names, isCountryName));

/** The item read against the current term counts: its vectors, key terms, anchors, time and stated facts. */
export function reportOf(state: ClusterState, item: ClusterInput): PlacedReport {
  const vector = vectorOf(state, item);
  return {
    vector,
    keys: keysOf(state, vector),
    anchors: anchorsOf(vector, item.terms.names),
    at: item.publishedAt,
    facts: item.terms.core,
  };
}
