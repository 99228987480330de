import type { IngestStore, Source } from "../domain/index.js";
import type { SourceFetchState } from "./fetch-policy.js";
import type { NewItem } from "./normalize-item.js";

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
  /**
   * Commit everything queued now (the end of a pass, or enough waiting). Never rejects: a failed
   * commit rejects the staged promises of its group instead.
   */
  flush(): Promise<void>;
}

interface Staged {
  readonly id: Source["id"];
  readonly items: readonly NewItem[];
  readonly state: SourceFetchState;
  readonly resolve: (inserted: number) => void;
  readonly reject: (error: unknown) => void;
}

export function createIngestWriter(store: IngestStore, flushAtItems = DEFAULT_FLUSH_AT_ITEMS): IngestWriter {
  let queue: Staged[] = [];
  let waitingItems = 0;
  let committed: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    const batch = queue;
    queue = [];
    waitingItems = 0;
    if (batch.length === 0) return committed;
    // One commit at a time: on PostgreSQL two overlapping ones could each miss the other's copy
    // of a syndicated story (the content check sees only committed rows) or deadlock.
    committed = committed.then(async () => {
      let counts: number[];
      try {
        counts = await store.commit(batch);
      } catch (error) {
        for (const s of batch) s.reject(error);
        return;
      }
      for (const [i, s] of batch.entries()) s.resolve(counts[i]!);
    });
    return committed;
  };
  return {
    stage: (id, items, state) =>
      new Promise<number>((resolve, reject) => {
        queue.push({ id, items, state, resolve, reject });
        waitingItems += items.length;
        if (waitingItems >= flushAtItems) void flush();
      }),
    flush,
  };
}
