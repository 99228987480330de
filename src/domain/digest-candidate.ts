import type { EventId, TopicId } from "./ids.js";
import type { Lang } from "./types.js";

/** Happenings that make a story matter more than its outlet count says. */
export type StrongSignal = "missile-launch" | "nuclear-test" | "summit" | "treaty" | "sanctions";

/**
 * An event as the digest sees it: what the store knows of it in a window, already summarised.
 * The store reads these, the digest ranks and renders them.
 */
export interface DigestCandidate {
  readonly eventId: EventId;
  /** In the asked language when the event was reported in it, else in `lang`. */
  readonly headline: string;
  /** The stored summary in the same language (an LLM one when present), else the first article's lead. */
  readonly summary: string;
  /** The language of headline and summary. */
  readonly lang: Lang;
  readonly itemCount: number;
  /** Distinct outlets with the URL of one of their articles (their earliest) and their language, earliest first. */
  readonly outlets: readonly { readonly name: string; readonly url: string; readonly lang: Lang }[];
  readonly topics: readonly TopicId[];
  readonly relevance: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /**
   * Every headline, summary and lead the store holds for it, in both languages: what a chat's
   * watches and mutes are matched against. When absent, the headline and summary.
   */
  readonly matchText?: string | undefined;
  /** When absent, detected from the headline and summary. */
  readonly strongSignals?: readonly StrongSignal[] | undefined;
}
