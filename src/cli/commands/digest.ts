import type { Command } from "commander";
import { type CliContext, notBuiltYet } from "../context.js";

export function registerDigest(program: Command, _ctx: CliContext): void {
  program
    .command("digest")
    .description("the digest a subscriber would get now")
    .option("--topics <ids>", "comma-separated topic ids (default: all)")
    .option("--since <window>", "24h, 3d or 7d", "24h")
    .option("--lang <lang>", "vi or en")
    .option("--format <format>", "text, telegram, discord or json", "text")
    .option("--db <file>", "SQLite file (default: $BANTIN_DB or data/bantin.db)")
    .action(() => notBuiltYet("digest"));
}
