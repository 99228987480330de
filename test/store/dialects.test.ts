import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDatabase, schemaVersion } from "../../src/store/database.js";
import { bundledMigrations } from "../../src/store/migrations.js";
import { migratePostgres } from "../../src/store/postgres/migrate.js";
import { bundledPostgresMigrations } from "../../src/store/postgres/migrations.js";
import { usePostgres } from "../support/embedded-postgres.js";
import { useTempDir } from "../support/temp-dir.js";

/** One column as either dialect describes it. */
interface Column {
  readonly table: string;
  readonly name: string;
  /** SQLite's declared type (INTEGER, REAL, TEXT) or PostgreSQL's data_type (bigint, text, …). */
  readonly type: string;
  /** NOT NULL or part of the primary key. */
  readonly required: boolean;
  /** SQLite: an INTEGER PRIMARY KEY (a rowid); PostgreSQL: an identity column. */
  readonly rowId: boolean;
}

interface Index {
  readonly table: string;
  readonly name: string;
  readonly unique: boolean;
}

interface Schema {
  readonly tables: string[];
  readonly columns: Column[];
  readonly indexes: Index[];
}

const postgres = usePostgres();
const tempDir = useTempDir();

let sqlite: Db;
let client: pg.Client;
let sqliteSchema: Schema;
let postgresSchema: Schema;

beforeAll(async () => {
  sqlite = openDatabase(join(tempDir(), "bantin.db"));
  sqliteSchema = readSqliteSchema(sqlite);
  client = new pg.Client({ connectionString: await postgres.createDatabase() });
  await client.connect();
  await migratePostgres(client);
  postgresSchema = await readPostgresSchema(client);
});

afterAll(async () => {
  sqlite?.close();
  await client?.end();
});

describe("the SQLite and PostgreSQL schemas", () => {
  it("come from migrations with the same numbers and names, and both stores reach the last one", async () => {
    const sqliteVersions = bundledMigrations().map(({ version, name }) => ({ version, name }));
    const postgresVersions = bundledPostgresMigrations().map(({ version, name }) => ({ version, name }));
    expect(postgresVersions).toEqual(sqliteVersions);
    const applied = await client.query("SELECT version, name FROM schema_version ORDER BY version");
    expect(applied.rows).toEqual(sqliteVersions);
    expect(schemaVersion(sqlite)).toBe(sqliteVersions.at(-1)?.version);
  });

  it("have the same tables", () => {
    expect(postgresSchema.tables).toEqual(sqliteSchema.tables);
    expect(sqliteSchema.tables).toContain("deliveries");
  });

  it("have the same columns in every table", () => {
    expect(columnNames(postgresSchema)).toEqual(columnNames(sqliteSchema));
  });

  it("require the same columns (NOT NULL or primary key)", () => {
    const required = (s: Schema) => s.columns.filter((c) => c.required).map((c) => `${c.table}.${c.name}`);
    expect(required(postgresSchema)).toEqual(required(sqliteSchema));
  });

  it("have the same indexes, unique where SQLite's are (ON CONFLICT needs them)", () => {
    const indexes = (s: Schema) => s.indexes.map((i) => `${i.table}.${i.name}${i.unique ? " unique" : ""}`);
    expect(indexes(postgresSchema)).toEqual(indexes(sqliteSchema));
  });

  it("store rowids as bigint identities, epoch milliseconds as bigint, reals as double precision, text as text", () => {
    const mismatches = sqliteSchema.columns.flatMap((column) => {
      const twin = postgresSchema.columns.find((c) => c.table === column.table && c.name === column.name);
      const expected = expectedPostgresType(column, sqlite);
      const actual = twin === undefined ? "missing" : `${twin.type}${twin.rowId ? " identity" : ""}`;
      return expected.includes(actual) ? [] : [`${column.table}.${column.name}: ${actual}, expected ${expected}`];
    });
    expect(mismatches).toEqual([]);
  });
});

/** Columns whose INTEGER holds epoch milliseconds, which overflow PostgreSQL's integer. */
const EPOCH_MS = /(_at|_seen|_until)$/;

function expectedPostgresType(column: Column, db: Db): string[] {
  if (column.rowId) return ["bigint identity"];
  switch (column.type) {
    case "INTEGER":
      if (EPOCH_MS.test(column.name) || referencesRowId(db, column)) return ["bigint"];
      return ["integer", "smallint"];
    case "REAL":
      return ["double precision"];
    case "TEXT":
      return ["text"];
    default:
      return [`a type for SQLite's ${column.type}`];
  }
}

/** A foreign key to another table's rowid must hold any id it has: bigint. */
function referencesRowId(db: Db, column: Column): boolean {
  const keys = db.prepare(`SELECT "from", "table", "to" FROM pragma_foreign_key_list(?)`).all(column.table) as {
    from: string;
    table: string;
    to: string;
  }[];
  const key = keys.find((k) => k.from === column.name);
  return key !== undefined && readSqliteColumns(db, key.table).some((c) => c.name === key.to && c.rowId);
}

function columnNames(schema: Schema): Record<string, string[]> {
  const byTable: Record<string, string[]> = {};
  for (const c of schema.columns) byTable[c.table] = [...(byTable[c.table] ?? []), c.name].sort();
  return byTable;
}

function readSqliteSchema(db: Db): Schema {
  const tables = (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[]
  ).sort();
  const columns = tables.flatMap((table) => readSqliteColumns(db, table));
  const indexes = tables.flatMap((table) =>
    // origin 'c': made by CREATE INDEX (not a primary key's or UNIQUE constraint's own index).
    (
      db.prepare(`SELECT name, "unique" FROM pragma_index_list(?) WHERE origin = 'c'`).all(table) as {
        name: string;
        unique: number;
      }[]
    ).map((i) => ({ table, name: i.name, unique: i.unique === 1 })),
  );
  return { tables, columns: sortColumns(columns), indexes: sortIndexes(indexes) };
}

function readSqliteColumns(db: Db, table: string): Column[] {
  const rows = db.prepare(`SELECT name, type, "notnull", pk FROM pragma_table_info(?)`).all(table) as {
    name: string;
    type: string;
    notnull: number;
    pk: number;
  }[];
  const singleKey = rows.filter((r) => r.pk > 0).length === 1;
  // A WITHOUT ROWID table's integer key is a plain key (Telegram's update ids), not a rowid.
  const { sql } = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as {
    sql: string;
  };
  const hasRowId = !/WITHOUT\s+ROWID/i.test(sql);
  return rows.map((r) => ({
    table,
    name: r.name,
    type: r.type.toUpperCase(),
    required: r.notnull === 1 || r.pk > 0,
    rowId: hasRowId && singleKey && r.pk > 0 && r.type.toUpperCase() === "INTEGER",
  }));
}

async function readPostgresSchema(db: pg.Client): Promise<Schema> {
  // schema_version is the migration runner's bookkeeping (SQLite keeps it in user_version).
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_version'`,
  );
  const columns = await db.query<{ table: string; name: string; type: string; nullable: string; identity: string }>(
    `SELECT table_name AS table, column_name AS name, data_type AS type, is_nullable AS nullable, is_identity AS identity
     FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name <> 'schema_version'`,
  );
  const indexes = await db.query<{ table: string; name: string; unique: boolean }>(
    `SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND NOT x.indisprimary`,
  );
  return {
    tables: tables.rows.map((r) => r.name).sort(),
    columns: sortColumns(
      columns.rows.map((r) => ({
        table: r.table,
        name: r.name,
        type: r.type,
        required: r.nullable === "NO",
        rowId: r.identity === "YES",
      })),
    ),
    indexes: sortIndexes(indexes.rows),
  };
}

function sortColumns(columns: Column[]): Column[] {
  return columns.sort((a, b) => `${a.table}.${a.name}`.localeCompare(`${b.table}.${b.name}`));
}

function sortIndexes(indexes: Index[]): Index[] {
  return indexes.sort((a, b) => `${a.table}.${a.name}`.localeCompare(`${b.table}.${b.name}`));
}
