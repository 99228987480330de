import type { Command } from "commander";
import { startBot } from "../../app/start-bot.js";
import type { CliContext } from "../context.js";

export function registerStart(program: Command, ctx: CliContext): void {
  program
    .command("start")
    .description("run the bot: Telegram when TELEGRAM_BOT_TOKEN is set, else the console chat")
    .option("--console", "use the console chat even when platform tokens are set")
    .action(async (opts: { console?: boolean }) => {
      await startBot({
        env: ctx.env(),
        settings: ctx.settings(),
        logger: ctx.logger(),
        forceConsole: opts.console === true,
        input: process.stdin,
        output: ctx.out,
        // Asked for only by the platform bots, so Ctrl-C still ends a console session at once.
        untilStopped: () =>
          new Promise<void>((resolve) => {
            process.once("SIGINT", () => resolve());
            process.once("SIGTERM", () => resolve());
          }),
      });
    });
}
