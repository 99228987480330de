/** Pairwise clustering agreement: of the item pairs put together, how many belong together, and how many of those were found. */
export interface PairwiseScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

function pairs(groups: Iterable<number>): number {
  let n = 0;
  for (const size of groups) n += (size * (size - 1)) / 2;
  return n;
}

function sizes<K>(labels: ReadonlyMap<string, K>): Map<K, number> {
  const out = new Map<K, number>();
  for (const l of labels.values()) out.set(l, (out.get(l) ?? 0) + 1);
  return out;
}

/** Compare predicted event labels with true ones over the same item ids (counted in O(n), not O(n²)). */
export function pairwiseF1(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): PairwiseScore {
  const both = new Map<string, string>();
  for (const [id, p] of predicted) {
    const t = truth.get(id);
    if (t !== undefined) both.set(id, `${p}\u0000${t}`);
  }
  const together = pairs(sizes(both).values());
  const predictedPairs = pairs(sizes(predicted).values());
  const truePairs = pairs(sizes(truth).values());
  const precision = predictedPairs === 0 ? 1 : together / predictedPairs;
  const recall = truePairs === 0 ? 1 : together / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
