import type { Command } from "commander";
import { type CliContext, notBuiltYet } from "../context.js";

export function registerArticle(program: Command, _ctx: CliContext): void {
  program
    .command("article")
    .description("main text of one article page, boilerplate removed, and its summary")
    .argument("<file-or-url>", "an HTML file or an http(s) URL")
    .option("--json", "print {title, text, summary} as JSON")
    .action(() => notBuiltYet("article"));
}
