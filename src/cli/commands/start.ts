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
      // Listened for before anything else, so a stop during the first ingest pass is a graceful
      // one too. The first signal asks; a second one finds Node's default and ends at once.
      const stop = new AbortController();
      const onSignal = () => {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        stop.abort();
      };
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      try {
        await startBot({
          env: ctx.env(),
          settings: ctx.settings(),
          logger: ctx.logger(),
          forceConsole: opts.console === true,
          samples: opts.samples,
          input: process.stdin,
          output: ctx.out,
          stopSignal: stop.signal,
        });
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    });
}
