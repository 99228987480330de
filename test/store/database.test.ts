import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate, openDatabase, StoreError, schemaVersion } from "../../src/store/database.js";
import { bundledMigrations } from "../../src/store/migrations.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

describe("the SQLite store", () => {
  it("creates every table from an empty file, in WAL mode with foreign keys on", () => {
    const db = openDatabase(join(tempDir(), "nested", "bantin.db"));
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    expect(tables).toEqual(
      expect.arrayContaining([
        "sources",
        "items",
        "events",
        "event_items",
        "subscriptions",
        "digests",
        "deliveries",
        "sent_events",
      ]),
    );
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(bundledMigrations().at(-1)?.version);
    db.close();
  });

  it("re-running the migrations on an up-to-date file changes nothing", () => {
    const path = join(tempDir(), "bantin.db");
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(migrate(db, bundledMigrations())).toEqual([]);
    db.close();
  });

  it("refuses a file written by a newer schema, and leaves it unchanged", () => {
    const path = join(tempDir(), "future.db");
    const raw = new Database(path);
    raw.exec("CREATE TABLE from_the_future (x)");
    raw.pragma("user_version = 999");
    raw.close();
    expect(() => openDatabase(path)).toThrow(StoreError);
    expect(() => openDatabase(path)).toThrow(/schema version 999, newer than this Bantin knows/);
    const after = new Database(path);
    expect(after.pragma("user_version", { simple: true })).toBe(999);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE name = 'items'").get()).toBeUndefined();
    after.close();
  });

  it("a failing migration rolls back whole: the version stays where it was", () => {
    const db = new Database(":memory:");
    const broken = [
      { version: 1, name: "ok", sql: "CREATE TABLE a (x)" },
      { version: 2, name: "broken", sql: "CREATE TABLE b (y); INSERT INTO nowhere VALUES (1);" },
    ];
    expect(() => migrate(db, broken)).toThrow(/nowhere/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
  });

  it("readers on another connection see the last committed state while a write is open (WAL)", () => {
    const path = join(tempDir(), "wal.db");
    const writer = openDatabase(path);
    const reader = openDatabase(path);
    writer.prepare("INSERT INTO kv (key, value) VALUES ('a', '1')").run();
    writer.exec("BEGIN IMMEDIATE");
    writer.prepare("UPDATE kv SET value = '2' WHERE key = 'a'").run();
    // In rollback-journal mode this read would wait on the writer's lock; in WAL it proceeds.
    expect(reader.prepare("SELECT value FROM kv WHERE key = 'a'").pluck().get()).toBe("1");
    writer.exec("COMMIT");
    expect(reader.prepare("SELECT value FROM kv WHERE key = 'a'").pluck().get()).toBe("2");
    writer.close();
    reader.close();
  });

  it("says which file it could not open, in plain words", () => {
    const dir = tempDir();
    expect(() => openDatabase(dir)).toThrow(new RegExp(`cannot open the database ${dir}`));
  });
});
