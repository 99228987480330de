import type { Command } from "commander";
import { type CliContext, notBuiltYet } from "../context.js";

export function registerDiscord(program: Command, _ctx: CliContext): void {
  const discord = program.command("discord").description("Discord administration");
  discord
    .command("register")
    .description("register the slash commands, globally or in one guild")
    .option("--guild <id>", "register in this guild only (instant; global takes up to an hour)")
    .action(() => notBuiltYet("discord register"));
}
