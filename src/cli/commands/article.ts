import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { summarizeExtractive } from "../../analyze/extractive-summarizer.js";
import { cleanTitle } from "../../analyze/headline.js";
import { decodeBody } from "../../ingest/decode-body.js";
import { extractArticle } from "../../ingest/extract-article.js";
import { httpFetch } from "../../ingest/http-fetch.js";
import { type CliContext, CommandError } from "../context.js";
import { guessLang, SUMMARY_MAX_CHARS } from "./summarize.js";

interface Page {
  readonly html: string;
  readonly url: string;
}

async function fetchPage(url: string, ctx: CliContext): Promise<Page> {
  const { ingest } = ctx.settings();
  const outcome = await httpFetch(url, {
    timeoutMs: ingest.timeoutMs,
    maxBodyBytes: ingest.maxBodyBytes,
    maxRedirects: ingest.maxRedirects,
    userAgent: "Bantin/0.1 (news briefing bot; article command)",
    accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
  });
  if (outcome.status === "error") throw new CommandError(`cannot fetch ${url}: ${outcome.message}`);
  if (outcome.status === "not-modified") throw new CommandError(`cannot fetch ${url}: unexpected 304 Not Modified`);
  return { html: decodeBody(outcome.body, outcome.contentType).text, url: outcome.finalUrl };
}

function readPage(file: string): Page {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new CommandError(`cannot read ${file}: ${(error as Error).message}`);
  }
  // No HTTP header for a file: the BOM or the page's meta charset decide, else UTF-8.
  return { html: decodeBody(bytes, undefined).text, url: pathToFileURL(resolve(file)).href };
}

export function registerArticle(program: Command, ctx: CliContext): void {
  program
    .command("article")
    .description("main text of one article page, boilerplate removed, and its summary")
    .argument("<file-or-url>", "an HTML file or an http(s) URL")
    .option("--json", "print {title, text, summary} as JSON")
    .action(async (target: string, options: { json?: boolean }) => {
      const page = /^https?:\/\//i.test(target) ? await fetchPage(target, ctx) : readPage(target);
      const article = extractArticle(page.html, page.url);
      if (article === null) throw new CommandError(`no article text found in ${target}`);
      const title = cleanTitle(article.title);
      const summary = summarizeExtractive({
        docs: [{ id: page.url, title, text: article.text }],
        lang: guessLang(`${title} ${article.text}`),
        maxChars: SUMMARY_MAX_CHARS,
      }).text;
      if (options.json === true) ctx.out(JSON.stringify({ title, text: article.text, summary }));
      else ctx.out(`${title}\n\n${summary}\n\n${article.text}`);
    });
}
