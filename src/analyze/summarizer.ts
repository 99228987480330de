import type { Lang } from "../domain/index.js";

/** One article of an event, as the summarizers see it. */
export interface SummaryDoc {
  readonly id: string;
  readonly title: string;
  /** Lead and body as plain text, already normalised. */
  readonly text: string;
  readonly source?: string | undefined;
  /** Epoch milliseconds, when known. */
  readonly publishedAt?: number | undefined;
}

export interface SummaryRequest {
  readonly docs: readonly SummaryDoc[];
  readonly lang: Lang;
  /** Upper bound in characters; about 300 for a chat entry. */
  readonly maxChars: number;
}

export interface Summary {
  readonly text: string;
  /** Ids of the docs the sentences came from, for tracing each claim to its outlet. */
  readonly citedIds: readonly string[];
  readonly method: "extractive" | "llm";
}

/** The one interface every summarizer implements: offline extractive, or an LLM behind a grounding check. */
export interface Summarizer {
  summarize(request: SummaryRequest): Promise<Summary>;
}
