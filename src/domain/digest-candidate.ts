import type { EventId, TopicId } from "./ids.js";

/** Happenings that make a story matter more than its outlet count says. */
export type StrongSignal = "missile-launch" | "nuclear-test" | "summit" | "treaty" | "sanctions";

/**
 * An event as the digest sees it: what the store knows of it in a window, already summarised.
 * The store reads these, the digest ranks and renders them.
 */
export interface DigestCandidate {
  readonly eventId: EventId;
  readonly headline: string;
  /** The stored summary in the asked language (an LLM one when present), else the first article's lead. */
  readonly summary: string;
  readonly itemCount: number;
  /** Distinct outlets with the URL of one of their articles (their earliest), most relevant first. */
  readonly outlets: readonly { readonly name: string; readonly url: string }[];
  readonly topics: readonly TopicId[];
  readonly relevance: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** When absent, detected from the headline and summary. */
  readonly strongSignals?: readonly StrongSignal[] | undefined;
}
