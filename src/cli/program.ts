import { Command, CommanderError } from "commander";
import { ConfigError } from "../config/index.js";
import { StoreError } from "../store/database.js";
import { registerAnalyze } from "./commands/analyze.js";
import { registerArticle } from "./commands/article.js";
import { registerDb } from "./commands/db.js";
import { registerDigest } from "./commands/digest.js";
import { registerDiscord } from "./commands/discord.js";
import { registerIngest } from "./commands/ingest.js";
import { registerSources } from "./commands/sources.js";
import { registerStart } from "./commands/start.js";
import { registerSummarize } from "./commands/summarize.js";
import { CommandError, createCliContext } from "./context.js";

export function buildProgram(ctx = createCliContext()): Command {
  const program = new Command("bantin")
    .description("Bantin: short, sourced Vietnamese briefings on Korean-peninsula diplomacy, for Telegram and Discord.")
    .showHelpAfterError("(add --help for usage)")
    .exitOverride();
  for (const register of [
    registerStart,
    registerIngest,
    registerAnalyze,
    registerSummarize,
    registerArticle,
    registerDigest,
    registerSources,
    registerDb,
    registerDiscord,
  ]) {
    register(program, ctx);
  }
  return program;
}

/** Run the CLI; user mistakes and bad configuration print one clear message, never a stack trace. */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CommandError) {
      process.stderr.write(`bantin: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigError || error instanceof StoreError) {
      process.stderr.write(`bantin: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`bantin: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}
