import type { Source } from "../domain/index.js";
import type { FeedItemsOutcome } from "./read-feed-items.js";

/** One fetched feed sent to a parse worker (the body arrives as a plain Uint8Array). */
export interface FeedReadJob {
  readonly id: number;
  readonly body: Uint8Array;
  readonly contentType: string | undefined;
  readonly source: Pick<Source, "id" | "lang" | "tz">;
  readonly feedUrl: string;
  readonly fetchedAt: number;
}

/** A parse worker's answer to job `id`. */
export interface FeedReadReply {
  readonly id: number;
  readonly outcome: FeedItemsOutcome;
}
