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

/**
 * Run the CLI; user mistakes and bad configuration print one clear message, never a stack
 * trace. So does anything unexpected: one line naming what failed, the stack only at
 * LOG_LEVEL=debug.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const ctx = createCliContext();
  try {
    await buildProgram(ctx).parseAsync([...argv], { from: "user" });
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
    process.stderr.write(`bantin: unexpected error: ${describeUnexpected(error)}\n`);
    if (debugging(ctx)) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    else process.stderr.write("bantin: run again with LOG_LEVEL=debug to see where it happened\n");
    return 1;
  }
}

/** "GrammyError: Call to 'setWebhook' failed! (400: bad webhook)", and the cause's message when there is one. */
function describeUnexpected(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message})` : "";
  return `${error.name}: ${error.message.split("\n")[0]}${cause}`;
}

function debugging(ctx: ReturnType<typeof createCliContext>): boolean {
  try {
    const level = ctx.env().LOG_LEVEL;
    return level === "debug" || level === "trace";
  } catch {
    return false;
  }
}
