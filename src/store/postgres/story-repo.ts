import type pg from "pg";
import { eventId } from "../../domain/index.js";
import type { Port } from "../port.js";
import {
  type CandidateHeadlineRow,
  type CandidateReportRow,
  type CandidateRow,
  MAX_MERGE_HOPS,
  STORY_SQL,
  type StoryRepo,
  type StoryReport,
  type StoryThreadCandidate,
  type StoryThreadWindow,
  shownEvents,
  THREAD_SQL,
  threadCandidatesOf,
} from "../story-repo.js";
import { numbered, numberedByName } from "./placeholders.js";

const SQL = {
  rememberShown: numbered(STORY_SQL.rememberShown),
  lastShown: numbered(STORY_SQL.lastShown),
  mergedInto: numbered(STORY_SQL.mergedInto),
  event: numbered(STORY_SQL.event),
  reports: numbered(STORY_SQL.reports),
  // SQLite breaks ties on first_seen by id in byte order (its BINARY collation); "C" is that here.
  threadEvents: numberedByName(`${THREAD_SQL.events} ORDER BY e.first_seen DESC, e.id COLLATE "C"`),
  threadReports: numberedByName(THREAD_SQL.reports),
  threadHeadlines: numberedByName(THREAD_SQL.headlines),
} as const;

/** The event `id` is part of now, following merges as SQLite's repo does: a read per hop, at most MAX_MERGE_HOPS. */
async function resolveMerges(pool: pg.Pool, id: string): Promise<string> {
  let current = id;
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const { rows } = await pool.query<{ into_id: string }>(SQL.mergedInto, [current]);
    const next = rows[0]?.into_id;
    if (next === undefined) return current;
    current = next;
  }
  return current;
}

async function threadCandidates(pool: pg.Pool, window: StoryThreadWindow): Promise<StoryThreadCandidate[]> {
  const [events, reports, headlines] = await Promise.all([
    pool.query<CandidateRow>(SQL.threadEvents.text, SQL.threadEvents.values(window)),
    pool.query<CandidateReportRow>(SQL.threadReports.text, SQL.threadReports.values(window)),
    pool.query<CandidateHeadlineRow>(SQL.threadHeadlines.text, SQL.threadHeadlines.values(window)),
  ]);
  return threadCandidatesOf({ events: events.rows, reports: reports.rows, headlines: headlines.rows });
}

/**
 * What /story reads, on PostgreSQL: SQLite's statements and assembly. The three thread reads run
 * side by side, each on its own snapshot, as SQLite's three run without a transaction: an event
 * analysed meanwhile may come without its reports, and then ties to nothing.
 */
export function createPostgresStoryRepo(pool: pg.Pool): Port<StoryRepo> {
  return {
    async rememberShown(sub, events, at) {
      await pool.query(SQL.rememberShown, [sub, JSON.stringify(events), at]);
    },
    async lastShown(sub) {
      return shownEvents((await pool.query<{ event_ids: string }>(SQL.lastShown, [sub])).rows[0]);
    },
    async timeline(id) {
      const { rows } = await pool.query<{ id: string; headline: string }>(SQL.event, [await resolveMerges(pool, id)]);
      const row = rows[0];
      if (row === undefined) return undefined;
      const reports = await pool.query<StoryReport>(SQL.reports, [row.id]);
      return { eventId: eventId(row.id), headline: row.headline, reports: reports.rows };
    },
    threadCandidates: (window) => threadCandidates(pool, window),
  };
}
