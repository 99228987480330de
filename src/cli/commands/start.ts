import type { Command } from "commander";
import { type CliContext, notBuiltYet } from "../context.js";

export function registerStart(program: Command, _ctx: CliContext): void {
  program
    .command("start")
    .description("run the bot: Telegram and/or Discord when their tokens are set, else the console chat")
    .option("--console", "use the console chat even when platform tokens are set")
    .action(() => notBuiltYet("start (running the bot)"));
}
