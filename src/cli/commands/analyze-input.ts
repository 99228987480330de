import { z } from "zod";
import type { ArticleInput } from "../../domain/index.js";
import { htmlToText } from "../../ingest/index.js";
import { normalizeParagraphs, normalizeText } from "../../text/index.js";

const lineSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  title: z.string(),
  summary: z.string().optional(),
  content: z.string().optional(),
  url: z.string().optional(),
  source: z.string().optional(),
  published: z.string().optional(),
});

export interface ParsedInput {
  readonly articles: ArticleInput[];
  /** One message per skipped line or ignored field, naming the line. */
  readonly problems: string[];
}

/**
 * Parse `analyze` JSON Lines. A line that is not a JSON object with a string id and title, or that
 * repeats an id, is skipped and reported; an unreadable `published` is ignored and reported.
 */
export function parseAnalyzeInput(raw: string): ParsedInput {
  const articles: ArticleInput[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  raw.split(/\r?\n/).forEach((line, i) => {
    const n = i + 1;
    if (line.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      problems.push(`line ${n}: skipped, not valid JSON (${(e as Error).message})`);
      return;
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(`line ${n}: skipped, ${issue?.path.join(".") || "item"}: ${issue?.message ?? "invalid"}`);
      return;
    }
    const d = parsed.data;
    if (seen.has(d.id)) {
      problems.push(`line ${n}: skipped, duplicate id "${d.id}"`);
      return;
    }
    seen.add(d.id);
    let publishedAt: number | undefined;
    if (d.published !== undefined) {
      const t = Date.parse(d.published);
      if (Number.isNaN(t)) problems.push(`line ${n}: published "${d.published}" is not an ISO 8601 date; ignored`);
      else publishedAt = t;
    }
    articles.push({
      id: d.id,
      title: normalizeText(htmlToText(d.title)),
      lead: normalizeText(htmlToText(d.summary ?? "")),
      text: normalizeParagraphs(htmlToText(d.content ?? "")),
      url: d.url,
      source: d.source,
      publishedAt,
    });
  });
  return { articles, problems };
}
