import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { chatId, eventId } from "../../../src/domain/index.js";
import { BANTIN_PRESENCE_CLASS, presenceKeySql, useNumbersForInt8 } from "../../../src/store/postgres/index.js";
import { createPostgresOutboxStore } from "../../../src/store/postgres/outbox-store.js";
import { usePostgres } from "../../support/embedded-postgres.js";
import { aPostgresSubscription, migratedPool } from "../../support/postgres-store.js";

useNumbersForInt8();
const postgres = usePostgres();
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A replica's presence: a session holding its worker's lock, ended to play the replica dying. */
async function presenceOf(url: string, workerId: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`SELECT pg_advisory_lock($1::int, ${presenceKeySql("$2::text")})`, [
    BANTIN_PRESENCE_CLASS,
    workerId,
  ]);
  closers.push(() => client.end().catch(() => undefined));
  return client;
}

describe("the outbox's rows of a dead replica", () => {
  it("are taken again at once when its presence lock is gone, not after the lease; a live one's never", async () => {
    const url = await postgres.createDatabase();
    const pool = await migratedPool(url, 4);
    closers.push(() => pool.end());
    const sub = await aPostgresSubscription(pool, "900");
    const a = createPostgresOutboxStore(pool, { workerId: "host-a:1", presence: true });
    const b = createPostgresOutboxStore(pool, { workerId: "host-b:1", presence: true });
    const aAlive = await presenceOf(url, "host-a:1");
    await presenceOf(url, "host-b:1");
    await a.enqueue({
      subscriptionId: sub,
      platform: "telegram",
      chatId: chatId("900"),
      slot: "2026-12-02T07:00@Asia/Ho_Chi_Minh",
      kind: "briefing",
      document: "{}",
      parts: ["one", "two"],
      events: [{ eventId: eventId("ev"), itemCount: 1 }],
      now: 1_000,
    });
    const [taken] = await a.claimDue(2_000, 10);
    expect(taken).toMatchObject({ part: 0, attempts: 1 });
    // A is alive and its lease runs for minutes: B takes nothing of the chat.
    expect(await b.claimDue(3_000, 10)).toEqual([]);
    await aAlive.end();
    // A's session ended (it died): its row is B's at once, and the chat's order still holds.
    const again = await b.claimDue(4_000, 10);
    expect(again.map((r) => [r.id, r.part, r.attempts])).toEqual([[taken!.id, 0, 2]]);
    await b.markSent(again[0]!.id, "m1", 4_001);
    expect((await b.claimDue(4_002, 10)).map((r) => r.payload)).toEqual(["two"]);
  });
});
