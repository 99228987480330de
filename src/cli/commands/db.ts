import type { Command } from "commander";
import pg from "pg";
import { isPostgresUrl } from "../../config/env.js";
import { openDatabase, schemaVersion } from "../../store/database.js";
import { copySqliteToPostgres } from "../../store/postgres/copy-store.js";
import { migratePostgres, postgresSchemaVersion, useNumbersForInt8 } from "../../store/postgres/index.js";
import { type CliContext, CommandError, sqliteStorePath } from "../context.js";
import { asCommandError, cannotConnect, redactUrl } from "../postgres-connection.js";

/** One connection to `url` for `work`, closed after; a refused or failed connection is one clear line. */
async function withPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  useNumbersForInt8();
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (cause) {
    throw cannotConnect(url, cause);
  }
  try {
    return await work(client);
  } catch (cause) {
    throw asCommandError(url, cause);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function registerDb(program: Command, ctx: CliContext): void {
  const db = program.command("db").description("the store: SQLite, or PostgreSQL with BANTIN_DATABASE_URL");
  db.command("migrate")
    .description("apply pending schema migrations (PostgreSQL when BANTIN_DATABASE_URL is set and --db is not given)")
    .option("--db <file>", "SQLite file (default: $BANTIN_DB or data/bantin.db)")
    .action(async (opts: { db?: string }) => {
      const url = ctx.env().BANTIN_DATABASE_URL;
      if (url !== undefined && opts.db === undefined) {
        await withPostgres(url, async (client) => {
          await migratePostgres(client);
          ctx.out(`${redactUrl(url)}: schema version ${await postgresSchemaVersion(client)}`);
        });
        return;
      }
      const path = opts.db ?? ctx.env().BANTIN_DB;
      const handle = openDatabase(path);
      try {
        ctx.out(`${path}: schema version ${schemaVersion(handle)}`);
      } finally {
        handle.close();
      }
    });
  db.command("copy")
    .description("copy the SQLite store into an empty PostgreSQL database (migrated first)")
    .requiredOption("--to <url>", "the PostgreSQL database, postgres://…")
    .option("--db <file>", "SQLite file (default: $BANTIN_DB or data/bantin.db)")
    .action(async (opts: { to: string; db?: string }) => {
      if (!isPostgresUrl(opts.to))
        throw new CommandError(
          `--to: expected a PostgreSQL URL such as postgres://bantin@db:5432/bantin, got "${opts.to}"`,
        );
      const path = opts.db ?? ctx.env().BANTIN_DB;
      const source = openDatabase(path);
      try {
        await withPostgres(opts.to, async (client) => {
          await migratePostgres(client);
          const report = await copySqliteToPostgres(source, client);
          const rows = report.tables.reduce((n, t) => n + t.rows, 0);
          const listed = report.tables.filter((t) => t.rows > 0).map((t) => `${t.table} ${t.rows}`);
          ctx.out(`copied ${path} to ${redactUrl(opts.to)}: ${rows} rows (${listed.join(", ") || "none"})`);
        });
      } finally {
        source.close();
      }
    });
  db.command("backup")
    .description("copy the store to FILE with SQLite's online backup (safe while the bot runs)")
    .argument("<file>", "where to write the copy")
    .option("--db <file>", "SQLite file (default: $BANTIN_DB or data/bantin.db)")
    .action(async (file: string, opts: { db?: string }) => {
      const path = sqliteStorePath(ctx, "db backup", opts.db);
      const handle = openDatabase(path);
      try {
        const result = await handle.backup(file);
        ctx.out(`backed up ${path} to ${file} (${result.totalPages} pages)`);
      } catch (cause) {
        throw new CommandError(`backup to ${file} failed: ${(cause as Error).message}`);
      } finally {
        handle.close();
      }
    });
}
