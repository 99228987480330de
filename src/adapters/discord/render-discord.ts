import {
  clampText,
  closingLine,
  type DigestStrings,
  digestStrings,
  ENTRY_LIMITS,
  languageMark,
  safeUrl,
  watchMark,
} from "../../digest/index.js";
import type { DigestDocument, DigestEntry } from "../../domain/index.js";
import { type DiscordEmbed, DiscordLimits, type DiscordMessageBody, discordChars } from "./discord-payload.js";

const COLOR = { news: 0x2b6cb0, update: 0xdd6b20 } as const;

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
    if (used + discordChars(link) + 2 > budget - 24) break;
    links.push(link);
    used += discordChars(link) + 2;
  }
  const more = entry.sources.length - links.length;
  return [...links, ...(more > 0 ? [strings.moreOutlets(more)] : [])].join(", ");
}

function entryEmbed(entry: DigestEntry, index: number, strings: DigestStrings): DiscordEmbed {
  const suffix = `${languageMark(entry.lang)}${entry.isUpdate ? ` (${strings.update})` : ""}${watchMark(entry.watched)}`;
  const title = clampText(`${index + 1}. ${entry.headline}`, DiscordLimits.title - discordChars(suffix)) + suffix;
  const summary = escapeDiscordMarkdown(clampText(entry.summary, ENTRY_LIMITS.summary));
  const sources = sourceLinks(entry, strings, DiscordLimits.description - discordChars(summary) - 1);
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

function embedLength(e: DiscordEmbed): number {
  return discordChars(e.title) + discordChars(e.description) + discordChars(e.footer?.text);
}

/**
 * The digest as Discord messages: the header and totals as content of the first message, one
 * embed per entry, at most 10 embeds and 6000 characters per message, split between entries.
 */
export function renderDiscordMessages(doc: DigestDocument): DiscordMessageBody[] {
  const strings = digestStrings(doc.lang);
  const closing = closingLine(doc);
  const content = clampText(
    `**📰 ${strings.brand} · ${escapeDiscordMarkdown(doc.title)}**\n${closing}`,
    DiscordLimits.content,
  );
  const messages: DiscordMessageBody[] = [];
  let embeds: DiscordEmbed[] = [];
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
    if (embeds.length >= DiscordLimits.embeds || total + size > DiscordLimits.total) flush();
    embeds.push(embed);
    total += size;
  });
  flush();
  return messages.length === 0 ? [{ content }] : messages;
}
