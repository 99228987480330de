import type { Command } from "commander";
import { openDatabase, schemaVersion } from "../../store/database.js";
import { type CliContext, CommandError } from "../context.js";

export function registerDb(program: Command, ctx: CliContext): void {
  const db = program.command("db").description("the SQLite store");
  db.command("migrate")
    .description("apply pending schema migrations")
    .option("--db <file>", "SQLite file (default: $BANTIN_DB or data/bantin.db)")
    .action((opts: { db?: string }) => {
      const path = opts.db ?? ctx.env().BANTIN_DB;
      const handle = openDatabase(path);
      try {
        ctx.out(`${path}: schema version ${schemaVersion(handle)}`);
      } finally {
        handle.close();
      }
    });
  db.command("backup")
    .description("copy the store to FILE with SQLite's online backup (safe while the bot runs)")
    .argument("<file>", "where to write the copy")
    .option("--db <file>", "SQLite file (default: $BANTIN_DB or data/bantin.db)")
    .action(async (file: string, opts: { db?: string }) => {
      const path = opts.db ?? ctx.env().BANTIN_DB;
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
