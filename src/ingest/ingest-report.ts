import type { SourceId } from "../domain/index.js";

/** How one source fared in a pass; `ingest --json` prints these fields (less `ms`), as docs/cli.md states. */
export interface SourceReport {
  readonly id: SourceId;
  readonly url: string;
  readonly status: "ok" | "not-modified" | "error";
  /** Items stored by this pass. */
  readonly new: number;
  /** Usable items the feed carried this pass, new or already stored. */
  readonly seen: number;
  readonly error?: string;
  /** Wall time spent on the source, fetch to store. */
  readonly ms: number;
}

export interface IngestReport {
  readonly sources: readonly SourceReport[];
}
