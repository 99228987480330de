import type { Lang } from "./types.js";

/**
 * A story's thread: the earlier events a story grew out of (a summit's preparation talks before
 * the summit). analyze/ finds them, store/ reads the candidates, chat/ shows them; these are the
 * shapes they pass between them.
 */

/** One report of an event as thread linking reads it: the title and lead clustering reads names from. */
export interface StoryThreadReport {
  readonly title: string;
  readonly lead: string;
  readonly lang: Lang;
}

/** An event as thread linking sees it: when it began and its reports. */
export interface StoryThreadEvent {
  readonly id: string;
  /** When its first report was published (epoch milliseconds). */
  readonly firstSeen: number;
  readonly reports: readonly StoryThreadReport[];
}

/** A specific concept two events both name, with its first spelling in each language. */
export interface SharedName {
  readonly id: string;
  readonly vi: string;
  readonly en: string;
}

/** An earlier event of the target's thread and what ties it to the target. */
export interface StoryThreadLink {
  readonly eventId: string;
  readonly shared: readonly SharedName[];
}

/**
 * The candidates that began before the target's first report, at most STORY_THREAD_WINDOW_MS before
 * it, and share a specific name with it: strongest tie first, at most MAX_STORY_THREAD_EVENTS.
 */
export type FindEarlierInThread = (
  target: StoryThreadEvent,
  candidates: readonly StoryThreadEvent[],
) => StoryThreadLink[];

/**
 * How far back a thread reaches: a summit's preparation talks come weeks before it, far longer
 * than the clustering window that keeps one event's reports together.
 */
export const STORY_THREAD_WINDOW_MS = 30 * 24 * 3_600_000;
/** Enough to show how a story came about without burying its own timeline. */
export const MAX_STORY_THREAD_EVENTS = 5;
