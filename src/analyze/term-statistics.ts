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
   * The IDF of each of the item's terms, in the order the item lists them: with a prior of
   * `priorDocs` extra documents, terms seen once weighed as if seen `minDf` times and then by
   * `unshared` (0 drops them), raised to `power`.
   */
  idfs(terms: TermCounts, unshared: number): number[];
}

export interface IdfSettings {
  readonly priorDocs: number;
  readonly minDf: number;
  readonly idfPower: number;
}

/** A term's count, shared by every counted item that carries it. */
interface Cell {
  readonly term: string;
  n: number;
}

/** An item as counted: its terms' cells, in its own order, so forgetting and weighing it look nothing up. */
interface Counted {
  readonly cells: readonly Cell[];
  at: number | undefined;
}

/** Document counts below this are the common case; their weights are remembered within one item. */
const SMALL_COUNTS = 64;

export function createTermStatistics(settings: IdfSettings): TermStatistics {
  const counts = new Map<string, Cell>();
  let docs = 0;
  const counted: Counted[] = [];
  const observed = new WeakMap<TermCounts, Counted>();
  const weight = (n: number, unshared: number) => {
    if (n <= 1 && unshared === 0) return 0;
    const w = Math.log(1 + (docs + settings.priorDocs) / Math.max(n, settings.minDf)) ** settings.idfPower;
    return n > 1 ? w : w * unshared;
  };
  return {
    observe(terms, at) {
      const seen = observed.get(terms);
      if (seen !== undefined) {
        seen.at ??= at;
        return;
      }
      const cells: Cell[] = [];
      for (const term of terms.keys()) {
        let cell = counts.get(term);
        if (cell === undefined) {
          cell = { term, n: 0 };
          counts.set(term, cell);
        }
        cell.n++;
        cells.push(cell);
      }
      const entry = { cells, at };
      observed.set(terms, entry);
      counted.push(entry);
      docs++;
    },
    forget(cutoff) {
      let kept = 0;
      for (const entry of counted) {
        if (entry.at !== undefined && entry.at < cutoff) {
          docs--;
          for (const cell of entry.cells) if (--cell.n <= 0) counts.delete(cell.term);
        } else counted[kept++] = entry;
      }
      counted.length = kept;
    },
    df: (term) => counts.get(term)?.n ?? 0,
    docs: () => docs,
    idfs(terms, unshared) {
      // Most of an item's terms are in few documents: each count's weight is worked out once per item.
      const known: number[] = [];
      const idf = (n: number) => {
        if (n >= SMALL_COUNTS) return weight(n, unshared);
        let w = known[n];
        if (w === undefined) {
          w = weight(n, unshared);
          known[n] = w;
        }
        return w;
      };
      const entry = observed.get(terms);
      // Terms not counted as they are now (never observed, or grown since) are looked up one by one.
      if (entry === undefined || entry.cells.length !== terms.size)
        return [...terms.keys()].map((t) => idf(counts.get(t)?.n ?? 1));
      // A cell emptied by `forget` may since have been replaced by a new one for its term.
      return entry.cells.map((cell) => idf(cell.n > 0 ? cell.n : (counts.get(cell.term)?.n ?? 1)));
    },
  };
}
