import type { Command } from "commander";
import { type CliContext, notBuiltYet } from "../context.js";

export function registerIngest(program: Command, _ctx: CliContext): void {
  program
    .command("ingest")
    .description("fetch the sources once and store new items")
    .option("--once", "one pass over the sources, then exit")
    .option("--sources <file>", "sources YAML (default: $BANTIN_SOURCES or config/sources.yaml)")
    .option("--db <file>", "SQLite file (default: $BANTIN_DB or data/bantin.db)")
    .option("--json", "print the result as JSON")
    .action(() => notBuiltYet("ingest"));
}
