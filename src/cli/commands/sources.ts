import type { Command } from "commander";
import { type CliContext, notBuiltYet } from "../context.js";

export function registerSources(program: Command, _ctx: CliContext): void {
  const sources = program.command("sources").description("manage the news sources");
  sources
    .command("list")
    .description("the sources and their health")
    .action(() => notBuiltYet("sources list"));
  sources
    .command("add")
    .description("add a source")
    .argument("<id>")
    .argument("<url>")
    .action(() => notBuiltYet("sources add"));
  sources
    .command("remove")
    .description("remove a source")
    .argument("<id>")
    .action(() => notBuiltYet("sources remove"));
  sources
    .command("import")
    .description("add the feeds of an OPML 2.0 file")
    .argument("<file>")
    .action(() => notBuiltYet("sources import"));
  sources
    .command("export")
    .description("print the sources as OPML 2.0")
    .action(() => notBuiltYet("sources export"));
}
