import type { DigestDocument, DigestEntry } from "../domain/index.js";
import { clampText, ENTRY_LIMITS, safeUrl } from "./entry-limits.js";
import { type DigestStrings, digestStrings } from "./i18n.js";
import { languageMark } from "./language-mark.js";

/** One embed as Discord's API takes it (the subset the digest fills). */
export interface DiscordEmbedPayload {
  readonly title?: string;
  readonly description?: string;
  readonly url?: string;
  readonly color?: number;
  readonly footer?: { readonly text: string };
}

/** One Discord message: what one outbox part holds. */
export interface DiscordMessagePayload {
  readonly content?: string;
  readonly embeds?: readonly DiscordEmbedPayload[];
}

/** Discord's documented limits (Embed Limits, Create Message). */
export const DISCORD_LIMITS = { content: 2000, embeds: 10, title: 256, description: 4096, total: 6000 } as const;
const COLOR = { news: 0x2b6cb0, update: 0xdd6b20 } as const;

/** Discord counts code points. */
const length = (s: string | undefined): number => (s === undefined ? 0 : Array.from(s).length);

/** Feed text must not turn into markdown or pings: escape markdown, defuse @everyone/@here. */
export function escapeDiscordMarkdown(text: string): string {
  return text.replace(/([\\*_~`|>[\]()#-])/g, "\\$1").replace(/@(everyone|here)/g, "@\u200b$1");
}

/** Outlet links within `budget` characters; the rest are counted as "+N more". */
function sourceLinks(entry: DigestEntry, strings: DigestStrings, budget: number): string {
  const links: string[] = [];
  let used = 0;
  for (const s of entry.sources.slice(0, ENTRY_LIMITS.outlets)) {
    const name = escapeDiscordMarkdown(clampText(s.name, ENTRY_LIMITS.outletName));
    const url = safeUrl(s.url);
    // Angle brackets keep Discord from unfurling every outlet link (link previews off).
    const linked = url === undefined ? name : `[${name}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`;
    const link = `${linked}${languageMark(s.lang)}`;
    if (used + length(link) + 2 > budget - 24) break;
    links.push(link);
    used += length(link) + 2;
  }
  const more = entry.sources.length - links.length;
  return [...links, ...(more > 0 ? [strings.moreOutlets(more)] : [])].join(", ");
}

function entryEmbed(entry: DigestEntry, index: number, strings: DigestStrings): DiscordEmbedPayload {
  const suffix = `${languageMark(entry.lang)}${entry.isUpdate ? ` (${strings.update})` : ""}`;
  const title = clampText(`${index + 1}. ${entry.headline}`, DISCORD_LIMITS.title - length(suffix)) + suffix;
  const summary = escapeDiscordMarkdown(clampText(entry.summary, ENTRY_LIMITS.summary));
  const sources = sourceLinks(entry, strings, DISCORD_LIMITS.description - length(summary) - 1);
  const description = [summary, sources].filter((s) => s.trim() !== "").join("\n");
  const url = entry.sources.map((s) => safeUrl(s.url)).find((u) => u !== undefined);
  return {
    title,
    ...(description === "" ? {} : { description }),
    ...(url === undefined ? {} : { url }),
    color: entry.isUpdate ? COLOR.update : COLOR.news,
    footer: { text: strings.entryArticles(entry.articles) },
  };
}

function embedLength(e: DiscordEmbedPayload): number {
  return length(e.title) + length(e.description) + length(e.footer?.text);
}

/**
 * The digest as Discord messages: the header and totals as content of the first message, one
 * embed per entry, at most 10 embeds and 6000 characters per message, split between entries.
 */
export function renderDiscordMessages(doc: DigestDocument): DiscordMessagePayload[] {
  const strings = digestStrings(doc.lang);
  const closing =
    doc.entries.length === 0 ? (doc.footer ?? strings.empty) : strings.totals(doc.totals.articles, doc.totals.outlets);
  const content = clampText(
    `**📰 ${strings.brand} · ${escapeDiscordMarkdown(doc.title)}**\n${closing}`,
    DISCORD_LIMITS.content,
  );
  const messages: DiscordMessagePayload[] = [];
  let embeds: DiscordEmbedPayload[] = [];
  let total = 0;
  const flush = () => {
    if (embeds.length === 0) return;
    messages.push(messages.length === 0 ? { content, embeds } : { embeds });
    embeds = [];
    total = 0;
  };
  doc.entries.forEach((entry, i) => {
    const embed = entryEmbed(entry, i, strings);
    const size = embedLength(embed);
    if (embeds.length >= DISCORD_LIMITS.embeds || total + size > DISCORD_LIMITS.total) flush();
    embeds.push(embed);
    total += size;
  });
  flush();
  return messages.length === 0 ? [{ content }] : messages;
}
