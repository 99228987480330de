/**
 * An event's reports as the clusterer compares them: per language, the sum of its reports' unit
 * vectors over all their terms, and over their language-free terms only. A report is compared
 * with the reports in its own language on everything, and with the others on what both
 * languages share, so an English report is not diluted by the Vietnamese words of its event.
 */

/** A report's vectors: all its strongest terms, and its language-free ones, each of unit length. */
export interface ItemVector {
  readonly lang: string;
  readonly full: ReadonlyMap<string, number>;
  readonly shared: ReadonlyMap<string, number>;
}

interface LanguageSums {
  count: number;
  full: Map<string, number>;
  shared: Map<string, number>;
}

export type EventProfile = Map<string, LanguageSums>;

const byWeightThenTerm = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);

/** The dot product of two sparse vectors. */
export function dot(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  let sum = 0;
  for (const [t, w] of small) {
    const o = large.get(t);
    if (o !== undefined) sum += w * o;
  }
  return sum;
}

/** The `n` strongest entries, scaled to unit length. */
export function unitTop(entries: [string, number][], n: number): Map<string, number> {
  entries.sort(byWeightThenTerm);
  const size = Math.min(n, entries.length);
  let norm = 0;
  for (let i = 0; i < size; i++) norm += entries[i]![1] ** 2;
  norm = Math.sqrt(norm) || 1;
  const unit = new Map<string, number>();
  for (let i = 0; i < size; i++) unit.set(entries[i]![0], entries[i]![1] / norm);
  return unit;
}

/** Add `from` into `into`, trimmed in batches to the strongest `bound` terms (amortised constant cost). */
function accumulate(
  into: LanguageSums,
  key: "full" | "shared",
  from: ReadonlyMap<string, number>,
  bound: number,
): void {
  const sum = into[key];
  for (const [t, w] of from) sum.set(t, (sum.get(t) ?? 0) + w);
  if (sum.size > 2 * bound) into[key] = new Map([...sum].sort(byWeightThenTerm).slice(0, bound));
}

function sumsOf(profile: EventProfile, lang: string): LanguageSums {
  let sums = profile.get(lang);
  if (sums === undefined) {
    sums = { count: 0, full: new Map(), shared: new Map() };
    profile.set(lang, sums);
  }
  return sums;
}

/** A report joins: its vectors add to its language's sums. */
export function addReport(profile: EventProfile, vector: ItemVector, bound: number): void {
  const sums = sumsOf(profile, vector.lang);
  sums.count++;
  accumulate(sums, "full", vector.full, bound);
  accumulate(sums, "shared", vector.shared, bound);
}

/** Another event's reports join this one's. */
export function addProfile(profile: EventProfile, other: EventProfile, bound: number): void {
  for (const [lang, theirs] of other) {
    const sums = sumsOf(profile, lang);
    sums.count += theirs.count;
    accumulate(sums, "full", theirs.full, bound);
    accumulate(sums, "shared", theirs.shared, bound);
  }
}

/** A report's summed similarity with an event's reports (divide by their number for the average). */
export function reportSimilarity(vector: ItemVector, profile: EventProfile, crossLanguage: number): number {
  let sum = 0;
  for (const [lang, sums] of profile) {
    sum += lang === vector.lang ? dot(vector.full, sums.full) : crossLanguage * dot(vector.shared, sums.shared);
  }
  return sum;
}

/** The summed similarity of every report of one event with every report of the other. */
export function profileSimilarity(a: EventProfile, b: EventProfile, crossLanguage: number): number {
  let sum = 0;
  for (const [la, x] of a) {
    for (const [lb, y] of b) sum += la === lb ? dot(x.full, y.full) : crossLanguage * dot(x.shared, y.shared);
  }
  return sum;
}

/** A report's weight for one term on each side: in its own language, and across languages. */
export interface TermWeights {
  readonly lang: string;
  readonly own: number;
  readonly across: number;
}

export function termWeights(vector: ItemVector, term: string, crossLanguage: number): TermWeights {
  return {
    lang: vector.lang,
    own: vector.full.get(term) ?? 0,
    across: crossLanguage * (vector.shared.get(term) ?? 0),
  };
}

/** A key term's share of a report's summed similarity with the event, for ranking candidates cheaply. */
export function termSimilarity(weights: TermWeights, term: string, profile: EventProfile): number {
  let sum = 0;
  for (const [lang, sums] of profile) {
    if (lang === weights.lang) sum += weights.own * (sums.full.get(term) ?? 0);
    else if (weights.across > 0) sum += weights.across * (sums.shared.get(term) ?? 0);
  }
  return sum;
}

/** The `n` strongest entries, strongest first: one pass keeping the best few, as sorting hundreds to keep a dozen costs more. */
function topEntries(entries: Iterable<[string, number]>, n: number): [string, number][] {
  const top: [string, number][] = [];
  for (const entry of entries) {
    if (top.length === n && byWeightThenTerm(entry, top[n - 1]!) >= 0) continue;
    let i = Math.min(top.length, n - 1);
    top[i] = entry;
    for (; i > 0 && byWeightThenTerm(top[i]!, top[i - 1]!) < 0; i--) [top[i], top[i - 1]] = [top[i - 1]!, top[i]!];
  }
  return top;
}

/** The event's strongest terms over all its languages (what settle looks its neighbours up by). */
export function strongestTerms(profile: EventProfile, n: number): string[] {
  if (n <= 0) return [];
  let all: ReadonlyMap<string, number> | undefined;
  if (profile.size === 1) all = profile.values().next().value!.full;
  else {
    const summed = new Map<string, number>();
    for (const sums of profile.values()) for (const [t, w] of sums.full) summed.set(t, (summed.get(t) ?? 0) + w);
    all = summed;
  }
  return topEntries(all, n).map(([t]) => t);
}
