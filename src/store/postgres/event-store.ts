import type pg from "pg";
import {
  analysisWrites,
  EVENT_SQL,
  type EventStore,
  type ItemRow,
  type Statement,
  textWrites,
  toArticle,
  topicsUnion,
} from "../events-repo.js";
import type { Port } from "../port.js";
import { numbered } from "./placeholders.js";
import { inTransaction } from "./transaction.js";

type Queryable = pg.Pool | pg.PoolClient;

const run = (on: Queryable, { sql, params }: Statement) => on.query(numbered(sql), [...params]);
const articles = async (on: Queryable, sql: string, param: unknown) =>
  (await on.query<ItemRow>(numbered(sql), [param])).rows.map(toArticle);

/**
 * Events and their items on PostgreSQL: the SQLite store's statements (events-repo's EVENT_SQL)
 * and the same plan of writes, each save in one transaction. Only the leader analyses, so two
 * saves never race; the transaction keeps a reader from seeing half a merge.
 */
export function createPostgresEventStore(pool: pg.Pool): Port<EventStore> {
  return {
    unanalyzed: (limit) => articles(pool, EVENT_SQL.unanalyzed, limit),
    recentAnalyzed: (since) => articles(pool, EVENT_SQL.recent, since),
    eventItems: (eventId) => articles(pool, EVENT_SQL.ofEvent, eventId),
    saveAnalyses: (analyses, merges = []) =>
      inTransaction(pool, async (client) => {
        const { writes, touched } = analysisWrites(analyses, merges);
        for (const w of writes) await run(client, w);
        for (const id of touched) {
          const { rows } = await client.query<{ topics: string | null }>(numbered(EVENT_SQL.topicsOf), [id]);
          await run(client, { sql: EVENT_SQL.setTopics, params: [topicsUnion(rows), id] });
        }
      }),
    saveEventTexts: (eventId, headline, texts) =>
      inTransaction(pool, async (client) => {
        for (const w of textWrites(eventId, headline, texts)) await run(client, w);
      }),
  };
}
