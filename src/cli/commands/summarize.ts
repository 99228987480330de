import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { z } from "zod";
import { summarizeExtractive } from "../../analyze/extractive-summarizer.js";
import type { SummaryDoc } from "../../analyze/summarizer.js";
import type { Lang } from "../../domain/index.js";
import { normalizeParagraphs, normalizeText } from "../../text/index.js";
import { type CliContext, CommandError } from "../context.js";

/** The length of a summary in a chat entry (issue 5: about 300 characters). */
export const SUMMARY_MAX_CHARS = 300;

const EventLine = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  docs: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).transform(String).optional(),
      title: z.string().default(""),
      text: z.string().default(""),
      published: z.string().optional(),
      source: z.string().optional(),
    }),
  ),
});

type EventInput = z.infer<typeof EventLine>;

/** Vietnamese text carries tone marks on most syllables; English almost none. */
export function guessLang(text: string): Lang {
  const sample = text.slice(0, 2000);
  const marked = sample.match(/[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/giu);
  const letters = sample.match(/\p{L}/gu);
  return (marked?.length ?? 0) > (letters?.length ?? 0) * 0.03 ? "vi" : "en";
}

/** Reads a whole input ("-" is standard input). */
export function readInput(file: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw new CommandError(`cannot read ${file === "-" ? "standard input" : file}: ${(error as Error).message}`);
  }
}

/** Parses every line first, so a bad line fails the command before anything is printed. */
export function parseEventLines(input: string): EventInput[] {
  const events: EventInput[] = [];
  input.split("\n").forEach((line, index) => {
    if (line.trim().length === 0) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new CommandError(`line ${index + 1}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = EventLine.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join(".") || "line";
      throw new CommandError(`line ${index + 1}: ${where}: ${issue?.message ?? "invalid"}`);
    }
    events.push(parsed.data);
  });
  return events;
}

/** The event's docs as the summarizer sees them: normalised text, ids, epoch times. */
export function toSummaryDocs(event: EventInput): SummaryDoc[] {
  return event.docs.map((d, i) => {
    const published = d.published === undefined ? Number.NaN : Date.parse(d.published);
    return {
      id: d.id ?? `${event.id}:${i}`,
      title: normalizeText(d.title),
      text: normalizeParagraphs(d.text),
      source: d.source,
      publishedAt: Number.isNaN(published) ? undefined : published,
    };
  });
}

export function registerSummarize(program: Command, ctx: CliContext): void {
  program
    .command("summarize")
    .description("the summary each event would get in a digest (JSON Lines in and out)")
    .option("--input <file>", "JSON Lines file, or - for standard input", "-")
    .action((options: { input: string }) => {
      const events = parseEventLines(readInput(options.input));
      const lines = events.map((event) => {
        const docs = toSummaryDocs(event);
        const lang = guessLang(docs.map((d) => `${d.title} ${d.text}`).join(" "));
        const summary = summarizeExtractive({ docs, lang, maxChars: SUMMARY_MAX_CHARS });
        return JSON.stringify({ id: event.id, summary: summary.text });
      });
      if (lines.length > 0) ctx.out(lines.join("\n"));
    });
}
