import type { Source } from "../domain/index.js";
import type { SourceFetchState } from "./fetch-policy.js";
import type { NewItem } from "./normalize-item.js";
import type { IngestItemStore, IngestSourceStore } from "./ports.js";

/** Items waiting before a commit is forced; beyond it memory and lost work after a crash grow, speed hardly. */
export const DEFAULT_FLUSH_AT_ITEMS = 2_000;

/**
 * Collects what fetched sources have to write and commits many sources in one transaction.
 * A commit per source wrote the same scattered index pages (guid, URL, hash, date) over and
 * over; one per group writes each page once. A source's fetch state goes in the same
 * transaction as its items, so a crash never marks a feed fetched without its items: the
 * next pass fetches it again, and the unique keys keep that idempotent.
 */
export interface IngestWriter {
  /**
   * Queue a source's items and its new fetch state. Resolves with how many items were new
   * once committed; rejects if the commit failed (then nothing of the group was written).
   */
  stage(id: Source["id"], items: readonly NewItem[], state: SourceFetchState): Promise<number>;
  /** Commit everything queued now (the end of a pass, or enough waiting). */
  flush(): void;
}

interface Staged {
  readonly id: Source["id"];
  readonly items: readonly NewItem[];
  readonly state: SourceFetchState;
  readonly resolve: (inserted: number) => void;
  readonly reject: (error: unknown) => void;
}

export function createIngestWriter(
  itemStore: IngestItemStore,
  sourceStore: IngestSourceStore,
  flushAtItems = DEFAULT_FLUSH_AT_ITEMS,
): IngestWriter {
  let queue: Staged[] = [];
  let waitingItems = 0;
  const writeAll = (batch: readonly Staged[]): number[] =>
    itemStore.transaction(() =>
      batch.map((s) => {
        const { inserted } = itemStore.insertBatch(s.items);
        sourceStore.recordFetch(s.id, s.state);
        return inserted;
      }),
    );
  const flush = (): void => {
    const batch = queue;
    queue = [];
    waitingItems = 0;
    if (batch.length === 0) return;
    let counts: number[];
    try {
      counts = writeAll(batch);
    } catch (error) {
      for (const s of batch) s.reject(error);
      return;
    }
    for (const [i, s] of batch.entries()) s.resolve(counts[i]!);
  };
  return {
    stage: (id, items, state) =>
      new Promise<number>((resolve, reject) => {
        queue.push({ id, items, state, resolve, reject });
        waitingItems += items.length;
        if (waitingItems >= flushAtItems) flush();
      }),
    flush,
  };
}
