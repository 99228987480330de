import type { Command } from "commander";
import { type CliContext, notBuiltYet } from "../context.js";

export function registerAnalyze(program: Command, _ctx: CliContext): void {
  program
    .command("analyze")
    .description(
      "relevance, topics, events and summaries for a batch of items (JSON Lines in, JSON out), without a database",
    )
    .option("--input <file>", "JSON Lines file, or - for standard input", "-")
    .action(() => notBuiltYet("analyze"));
}
