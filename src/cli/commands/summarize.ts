import type { Command } from "commander";
import { type CliContext, notBuiltYet } from "../context.js";

export function registerSummarize(program: Command, _ctx: CliContext): void {
  program
    .command("summarize")
    .description("the summary each event would get in a digest (JSON Lines in and out)")
    .option("--input <file>", "JSON Lines file, or - for standard input", "-")
    .action(() => notBuiltYet("summarize"));
}
