import type { Command } from "commander";
import { startBot } from "../../app/start-bot.js";
import type { CliContext } from "../context.js";

export function registerStart(program: Command, ctx: CliContext): void {
  program
    .command("start")
    .description(
      "run the bot: Telegram and/or Discord when their tokens are set, else the console chat on the bundled sample feeds",
    )
    .option("--console", "use the console chat even when platform tokens are set")
    .option(
      "--samples",
      "read the bundled offline sample feeds (default for a first console run without BANTIN_SOURCES)",
    )
    .option("--no-samples", "read the configured feeds even in the console")
    .action(async (opts: { console?: boolean; samples?: boolean }) => {
      await startBot({
        env: ctx.env(),
        settings: ctx.settings(),
        logger: ctx.logger(),
        forceConsole: opts.console === true,
        samples: opts.samples,
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
