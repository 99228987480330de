import type { TermCounts } from "./event-features.js";

/**
 * How many recent documents carry each term, for IDF. A batch counts all its items before
 * placing them; counts of items older than a cutoff are dropped again, so IDF follows the
 * recent news. Items without a time stay counted.
 */
export interface TermStatistics {
  /** Count an item's terms once (a second call for the same terms only fills in a missing time). */
  observe(terms: TermCounts, at?: number): void;
  /** Forget the items published before `cutoff`. */
  forget(cutoff: number): void;
  /** Documents carrying the term. */
  df(term: string): number;
  /** Documents counted. */
  readonly docs: () => number;
  /**
   * IDF with a prior of `priorDocs` extra documents, terms seen once weighed as if seen `minDf`
   * times and then by `unshared` (0 drops them), raised to `power`.
   */
  idf(term: string, unshared: number): number;
}

export interface IdfSettings {
  readonly priorDocs: number;
  readonly minDf: number;
  readonly idfPower: number;
}

export function createTermStatistics(settings: IdfSettings): TermStatistics {
  const counts = new Map<string, number>();
  let docs = 0;
  const counted: { readonly terms: readonly string[]; at: number | undefined }[] = [];
  const observed = new WeakMap<TermCounts, { readonly terms: readonly string[]; at: number | undefined }>();
  return {
    observe(terms, at) {
      const seen = observed.get(terms);
      if (seen !== undefined) {
        seen.at ??= at;
        return;
      }
      const entry = { terms: [...terms.keys()], at };
      observed.set(terms, entry);
      counted.push(entry);
      docs++;
      for (const t of entry.terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    },
    forget(cutoff) {
      let kept = 0;
      for (const entry of counted) {
        if (entry.at !== undefined && entry.at < cutoff) {
          docs--;
          for (const t of entry.terms) {
            const n = (counts.get(t) ?? 1) - 1;
            if (n <= 0) counts.delete(t);
            else counts.set(t, n);
          }
        } else counted[kept++] = entry;
      }
      counted.length = kept;
    },
    df: (term) => counts.get(term) ?? 0,
    docs: () => docs,
    idf(term, unshared) {
      const n = counts.get(term) ?? 1;
      if (n <= 1 && unshared === 0) return 0;
      const w = Math.log(1 + (docs + settings.priorDocs) / Math.max(n, settings.minDf)) ** settings.idfPower;
      return n > 1 ? w : w * unshared;
    },
  };
}
