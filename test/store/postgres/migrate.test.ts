import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { StoreError } from "../../../src/store/database.js";
import { AdvisoryLockKey, BANTIN_LOCK_CLASS } from "../../../src/store/postgres/advisory-locks.js";
import { parseInt8, useNumbersForInt8 } from "../../../src/store/postgres/int8.js";
import { migratePostgres, postgresSchemaVersion } from "../../../src/store/postgres/migrate.js";
import { bundledPostgresMigrations } from "../../../src/store/postgres/migrations.js";
import { usePostgres } from "../../support/embedded-postgres.js";

// As the store will at start: int8 (counts, epoch ms, ids) read as numbers.
useNumbersForInt8();
const postgres = usePostgres();
const opened: pg.Client[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.end()));
});

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  opened.push(client);
  return client;
}

const latest = bundledPostgresMigrations().at(-1)?.version ?? 0;
const allVersions = bundledPostgresMigrations().map((m) => m.version);

async function appliedRows(client: pg.Client): Promise<unknown[]> {
  return (await client.query("SELECT version, name, applied_at FROM schema_version ORDER BY version")).rows;
}

/** Sessions waiting for the migration lock, as the server sees them. */
async function waitingForMigrationLock(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ waiting: number }>(
    `SELECT count(*) AS waiting FROM pg_locks
     WHERE locktype = 'advisory' AND NOT granted AND classid = $1 AND objid = $2 AND objsubid = 2`,
    [BANTIN_LOCK_CLASS, AdvisoryLockKey.migrate],
  );
  return rows[0]?.waiting ?? 0;
}

describe("the PostgreSQL migration runner", () => {
  it("takes an empty database to the last version, one schema_version row per migration", async () => {
    const client = await connect(await postgres.createDatabase());
    expect(await postgresSchemaVersion(client)).toBe(0);
    expect(await migratePostgres(client, { now: () => 1_700_000_000_000 })).toEqual(allVersions);
    expect(await postgresSchemaVersion(client)).toBe(latest);
    expect(await appliedRows(client)).toEqual(
      bundledPostgresMigrations().map((m) => ({ version: m.version, name: m.name, applied_at: 1_700_000_000_000 })),
    );
  });

  it("migrating an up-to-date database again applies nothing and changes nothing", async () => {
    const client = await connect(await postgres.createDatabase());
    await migratePostgres(client, { now: () => 1 });
    await client.query("INSERT INTO kv (key, value) VALUES ('kept', 'yes')");
    expect(await migratePostgres(client, { now: () => 2 })).toEqual([]);
    expect((await appliedRows(client)).map((r) => (r as { applied_at: number }).applied_at)).toEqual(
      allVersions.map(() => 1),
    );
    expect((await client.query("SELECT value FROM kv WHERE key = 'kept'")).rows).toEqual([{ value: "yes" }]);
  });

  it("two runners started at once both finish, and the schema is migrated once", async () => {
    const url = await postgres.createDatabase();
    const [holder, first, second] = await Promise.all([connect(url), connect(url), connect(url)]);
    // Hold the lock so both runners are surely inside migratePostgres, contending, before either can start.
    await holder.query("SELECT pg_advisory_lock($1::int, $2::int)", [BANTIN_LOCK_CLASS, AdvisoryLockKey.migrate]);
    const runs = Promise.all([migratePostgres(first), migratePostgres(second)]);
    await expect.poll(() => waitingForMigrationLock(holder), { timeout: 5_000 }).toBe(2);
    await holder.query("SELECT pg_advisory_unlock($1::int, $2::int)", [BANTIN_LOCK_CLASS, AdvisoryLockKey.migrate]);
    const applied = await runs;
    expect(applied.map((versions) => versions.length).sort()).toEqual([0, allVersions.length]);
    expect(applied.flat()).toEqual(allVersions);
    expect(await appliedRows(holder)).toHaveLength(allVersions.length);
  });

  it("refuses a database with a newer schema than it knows, and leaves it as it was", async () => {
    const client = await connect(await postgres.createDatabase());
    await migratePostgres(client);
    await client.query("INSERT INTO schema_version (version, name, applied_at) VALUES ($1, 'from-the-future', 0)", [
      latest + 1,
    ]);
    const refused = migratePostgres(client);
    await expect(refused).rejects.toThrow(StoreError);
    await expect(refused).rejects.toThrow(
      new RegExp(
        `^PostgreSQL database "bantin_test_\\w+" has schema version ${latest + 1}, newer than this Bantin knows \\(${latest}\\)\\. ` +
          "It was written by a newer version: upgrade Bantin, or point BANTIN_DATABASE_URL at another database\\. " +
          "The database was not changed\\.$",
      ),
    );
    expect(await postgresSchemaVersion(client)).toBe(latest + 1);
    expect(await appliedRows(client)).toHaveLength(allVersions.length + 1);
  });

  it("rolls a failing migration back with its version, says which one, and frees the lock", async () => {
    const url = await postgres.createDatabase();
    const [client, other] = await Promise.all([connect(url), connect(url)]);
    const migrations = [
      { version: 1, name: "first", sql: "CREATE TABLE first_table (id integer)" },
      { version: 2, name: "broken", sql: "CREATE TABLE half_done (id integer); SELECT 1 / 0" },
    ];
    await expect(migratePostgres(client, { migrations })).rejects.toThrow(
      /^migration 002-broken could not be applied to PostgreSQL database "bantin_test_\w+": division by zero\. It was rolled back/,
    );
    expect(await postgresSchemaVersion(client)).toBe(1);
    const tables = await client.query("SELECT to_regclass('first_table') AS first, to_regclass('half_done') AS half");
    expect(tables.rows).toEqual([{ first: "first_table", half: null }]);
    const lock = await other.query("SELECT pg_try_advisory_lock($1::int, $2::int) AS free", [
      BANTIN_LOCK_CLASS,
      AdvisoryLockKey.migrate,
    ]);
    expect(lock.rows).toEqual([{ free: true }]);
  });

  it("commits a migration and its version together: when the version cannot be written, the migration is undone", async () => {
    const client = await connect(await postgres.createDatabase());
    // The migration takes its own version number first, so the runner's version row conflicts.
    const migrations = [
      {
        version: 1,
        name: "squatter",
        sql: "CREATE TABLE made_by_one (id integer); INSERT INTO schema_version VALUES (1, 'squatter', 0)",
      },
    ];
    await expect(migratePostgres(client, { migrations })).rejects.toThrow(
      /^migration 001-squatter could not be applied/,
    );
    expect(await postgresSchemaVersion(client)).toBe(0);
    expect((await client.query("SELECT to_regclass('made_by_one') AS made")).rows).toEqual([{ made: null }]);
  });
});

describe("int8 read from PostgreSQL", () => {
  it("comes back as a number, as better-sqlite3 gives it (epoch ms, identity ids, counts)", async () => {
    const client = await connect(await postgres.createDatabase());
    const { rows } = await client.query("SELECT 1700000000000::bigint AS at, count(*) AS n FROM pg_class");
    expect(typeof rows[0].at).toBe("number");
    expect(rows[0].at).toBe(1_700_000_000_000);
    expect(typeof rows[0].n).toBe("number");
  });

  it("past 2^53 is refused instead of rounded, and the connection stays usable", async () => {
    const client = await connect(await postgres.createDatabase());
    await expect(client.query("SELECT 9007199254740993::bigint AS big")).rejects.toThrow(
      "int8 value 9007199254740993 is beyond 2^53",
    );
    expect((await client.query("SELECT 9007199254740991::bigint AS max")).rows).toEqual([{ max: 2 ** 53 - 1 }]);
    expect(() => parseInt8("-9007199254740993")).toThrow(RangeError);
  });
});
