import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { analyzeBatch } from "../../analyze/analyze-batch.js";
import { loadLexicon } from "../../config/lexicon.js";
import { loadTopics } from "../../config/topics.js";
import { type CliContext, CommandError } from "../context.js";
import { parseAnalyzeInput } from "./analyze-input.js";

const HELP = `
Input: JSON Lines, one item a line:
  {"id","title","summary"?,"content"? (HTML or text),"url"?,"source"?,"published"? (ISO 8601)}
Output: one JSON object {"items":[{"id","relevant","score","topics","event"}],
                         "events":[{"id","items","headline","summary"}]}
Bad lines (not JSON, no string id or title, a repeated id) are skipped with a message on
stderr naming the line; the rest is analysed and the exit code is 0. An unreadable "published"
is ignored (reported) and the item treated as undated. Exit 2 if the input cannot be read.`;

export function registerAnalyze(program: Command, ctx: CliContext): void {
  program
    .command("analyze")
    .description(
      "relevance, topics, events and summaries for a batch of items (JSON Lines in, JSON out), without a database",
    )
    .option("--input <file>", "JSON Lines file, or - for standard input", "-")
    .addHelpText("after", HELP)
    .action((opts: { input: string }) => {
      let raw: string;
      try {
        raw = readFileSync(opts.input === "-" ? 0 : opts.input, "utf8");
      } catch (e) {
        throw new CommandError(`analyze: cannot read ${opts.input}: ${(e as Error).message}`);
      }
      const { articles, problems } = parseAnalyzeInput(raw);
      for (const p of problems) process.stderr.write(`analyze: ${p}\n`);
      const settings = ctx.settings();
      const result = analyzeBatch(articles, {
        lexicon: loadTopics(),
        concepts: loadLexicon(),
        relevanceThreshold: settings.analysis.relevanceThreshold,
        windowHours: settings.analysis.eventWindowHours,
        lang: ctx.env().BANTIN_LANG,
        maxSummaryChars: 300,
      });
      ctx.out(JSON.stringify(result));
    });
}
