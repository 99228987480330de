import { type EventId, eventId, type Lang, type SubscriptionId } from "../domain/index.js";
import type { StoryThreadEvent, StoryThreadReport } from "../domain/story-thread.js";
import type { Db } from "./database.js";

/** One report of a story, as its timeline lists it. */
export interface StoryReport {
  readonly title: string;
  /** What thread linking reads besides the title. */
  readonly lead: string;
  readonly url: string;
  readonly lang: Lang;
  readonly outlet: string;
  readonly publishedAt: number;
}

/** An event and every report of it, oldest first. */
export interface StoryTimeline {
  readonly eventId: EventId;
  readonly headline: string;
  readonly reports: readonly StoryReport[];
}

/** An event that may be an earlier part of a story's thread, with what /story shows of it. */
export interface StoryThreadCandidate extends StoryThreadEvent {
  readonly id: EventId;
  /** The event's headline (in the default language when it has reports in it). */
  readonly headline: string;
  /** Its headline in each language it has a summary in. */
  readonly headlines: Readonly<Partial<Record<Lang, string>>>;
  readonly itemCount: number;
  readonly outletCount: number;
}

/** Which events /story weighs as earlier parts of a thread. */
export interface StoryThreadWindow {
  /** First seen at or after this (epoch ms)... */
  readonly since: number;
  /** ...and before this: the story's first report. */
  readonly before: number;
  readonly minRelevance: number;
  /** The most recent this many, should a window hold more. */
  readonly limit: number;
}

/** What /story reads: the entries a chat was last shown, an event's reports, and its thread's candidates. */
export interface StoryRepo {
  /** Records the events of a digest or alert just given to the chat, in the order shown. */
  rememberShown(subscription: SubscriptionId, events: readonly EventId[], at: number): void;
  /** The events of the last digest or alert the chat was given; empty before any. */
  lastShown(subscription: SubscriptionId): EventId[];
  /** The event (or the one it was merged into since) with its reports; undefined when gone. */
  timeline(event: EventId): StoryTimeline | undefined;
  /**
   * Events first seen in the window, with their reports' titles and leads: absorbed events are
   * gone (their reports are in the event they merged into), so each story is one candidate.
   */
  threadCandidates(window: StoryThreadWindow): StoryThreadCandidate[];
}

/** Merges can chain (a into b, later b into c); a few hops is all clustering ever makes. */
export const MAX_MERGE_HOPS = 8;

/** One statement for both writers: /digest here, and the outbox as it enqueues a briefing or alert. */
export const REMEMBER_SHOWN_SQL = `INSERT INTO chat_last_digest (subscription_id, event_ids, shown_at) VALUES (?, ?, ?)
  ON CONFLICT (subscription_id) DO UPDATE SET event_ids = excluded.event_ids, shown_at = excluded.shown_at`;

/**
 * /story's statements, for both dialects (`?` placeholders). Aliases are quoted: PostgreSQL folds
 * an unquoted one to lower case. Reports are ordered by numbers only, so no collation reorders them.
 */
export const STORY_SQL = {
  rememberShown: REMEMBER_SHOWN_SQL,
  lastShown: "SELECT event_ids FROM chat_last_digest WHERE subscription_id = ?",
  mergedInto: "SELECT into_id FROM event_merges WHERE from_id = ?",
  event: "SELECT id, headline FROM events WHERE id = ?",
  reports: `SELECT i.title, i.lead, i.url, i.lang, s.name AS outlet, i.published_at AS "publishedAt"
       FROM event_items ei
       JOIN items i ON i.id = ei.item_id
       JOIN sources s ON s.id = i.source_id
      WHERE ei.event_id = ?
      ORDER BY i.published_at, i.id`,
} as const;

/** The events a chat was last shown, from its chat_last_digest row (none before any). */
export function shownEvents(row: { readonly event_ids: string } | undefined): EventId[] {
  if (row === undefined) return [];
  const ids = JSON.parse(row.event_ids) as unknown;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string").map(eventId) : [];
}

export function createSqliteStoryRepo(db: Db): StoryRepo {
  const remember = db.prepare(STORY_SQL.rememberShown);
  const last = db.prepare<[number], { event_ids: string }>(STORY_SQL.lastShown);
  const mergedInto = db.prepare<[string], { into_id: string }>(STORY_SQL.mergedInto);
  const event = db.prepare<[string], { id: string; headline: string }>(STORY_SQL.event);
  const reports = db.prepare<[string], StoryReport>(STORY_SQL.reports);
  const candidates = threadStatements(db);
  const resolve = (id: string): string => {
    let current = id;
    for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
      const next = mergedInto.get(current)?.into_id;
      if (next === undefined) return current;
      current = next;
    }
    return current;
  };
  return {
    rememberShown: (sub, events, at) => void remember.run(sub, JSON.stringify(events), at),
    lastShown: (sub) => shownEvents(last.get(sub)),
    timeline(id) {
      const row = event.get(resolve(id));
      if (row === undefined) return undefined;
      return { eventId: eventId(row.id), headline: row.headline, reports: reports.all(row.id) };
    },
    threadCandidates: (window) => candidates(window),
  };
}

export interface CandidateRow {
  id: string;
  headline: string;
  first_seen: number;
  item_count: number;
  outlet_count: number;
}

export type CandidateReportRow = StoryThreadReport & { event_id: string };

export interface CandidateHeadlineRow {
  event_id: string;
  lang: Lang;
  headline: string;
}

// The window's events, newest first; the CTE is repeated so each read walks only them. An event
// first seen since `since` was last seen since then too: that bound lets events_last_seen serve.
const IN_WINDOW = `WITH w AS (SELECT id FROM events
      WHERE last_seen >= @since AND first_seen >= @since AND first_seen < @before
        AND relevance >= @minRelevance AND item_count > 0
      ORDER BY first_seen DESC LIMIT @limit)`;

/**
 * The thread candidates' three reads, with named placeholders (a StoryThreadWindow binds them).
 * `events` has no ORDER BY: ties on first_seen go by id in byte order, said differently by each dialect.
 */
export const THREAD_SQL = {
  events: `${IN_WINDOW} SELECT e.id, e.headline, e.first_seen, e.item_count, e.outlet_count
       FROM w JOIN events e ON e.id = w.id`,
  // CROSS JOIN keeps SQLite walking w first; its condition is in WHERE, as PostgreSQL refuses
  // ON after a CROSS JOIN (SQLite's plan is the same either way).
  reports: `${IN_WINDOW} SELECT ei.event_id, i.title, i.lead, i.lang
       FROM w CROSS JOIN event_items ei JOIN items i ON i.id = ei.item_id
      WHERE ei.event_id = w.id
      ORDER BY i.published_at, i.id`,
  // The newest headline per language, an LLM one first, as digests choose theirs.
  headlines: `${IN_WINDOW} SELECT s.event_id, s.lang, s.headline
       FROM w CROSS JOIN summaries s
      WHERE s.event_id = w.id AND s.headline <> ''
      ORDER BY s.method = 'llm', s.created_at`,
} as const;

/** The rows of the three reads, as either store returns them. */
export interface CandidateRows {
  readonly events: readonly CandidateRow[];
  readonly reports: readonly CandidateReportRow[];
  readonly headlines: readonly CandidateHeadlineRow[];
}

/** The window's candidates, newest first, each with its reports and its headline per language. */
export function threadCandidatesOf({ events, reports, headlines }: CandidateRows): StoryThreadCandidate[] {
  const reportsOf = new Map<string, StoryThreadReport[]>();
  for (const { event_id, ...r } of reports) {
    const list = reportsOf.get(event_id);
    if (list === undefined) reportsOf.set(event_id, [r]);
    else list.push(r);
  }
  // Rows come worst first: the last one written for a language is the one kept.
  const headlinesOf = new Map<string, Partial<Record<Lang, string>>>();
  for (const h of headlines) headlinesOf.set(h.event_id, { ...headlinesOf.get(h.event_id), [h.lang]: h.headline });
  return events.map((e) => ({
    id: eventId(e.id),
    headline: e.headline,
    headlines: headlinesOf.get(e.id) ?? {},
    firstSeen: e.first_seen,
    itemCount: e.item_count,
    outletCount: e.outlet_count,
    reports: reportsOf.get(e.id) ?? [],
  }));
}

/** The window's events, their reports and their headlines per language: three reads, joined here. */
function threadStatements(db: Db): (window: StoryThreadWindow) => StoryThreadCandidate[] {
  const events = db.prepare<[StoryThreadWindow], CandidateRow>(`${THREAD_SQL.events} ORDER BY e.first_seen DESC, e.id`);
  const reports = db.prepare<[StoryThreadWindow], CandidateReportRow>(THREAD_SQL.reports);
  const headlines = db.prepare<[StoryThreadWindow], CandidateHeadlineRow>(THREAD_SQL.headlines);
  return (window) =>
    threadCandidatesOf({ events: events.all(window), reports: reports.all(window), headlines: headlines.all(window) });
}
