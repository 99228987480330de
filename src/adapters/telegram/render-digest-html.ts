import {
  clampText,
  closingLine,
  type DigestStrings,
  digestStrings,
  ENTRY_LIMITS,
  languageMark,
  watchMark,
} from "../../digest/index.js";
import type { DigestDocument, DigestEntry } from "../../domain/index.js";
import { type HtmlPiece, htmlLink, htmlTag, htmlText, joinHtml, TelegramLimits } from "./telegram-html.js";

function sourcesLine(entry: DigestEntry, strings: DigestStrings): HtmlPiece {
  const shown = entry.sources.slice(0, ENTRY_LIMITS.outlets);
  const links = shown.map((s) => {
    const name = htmlLink(clampText(s.name, ENTRY_LIMITS.outletName), s.url);
    return s.lang === undefined ? name : joinHtml([name, htmlText(languageMark(s.lang))]);
  });
  const more = entry.sources.length - shown.length;
  const parts = more > 0 ? [...links, htmlText(strings.moreOutlets(more))] : links;
  return joinHtml([htmlTag("i", htmlText(`${strings.entryArticles(entry.articles)} · `)), joinHtml(parts, ", ")]);
}

function entryPiece(entry: DigestEntry, index: number, strings: DigestStrings): HtmlPiece {
  const title = htmlTag(
    "b",
    htmlText(`${index + 1}. ${clampText(entry.headline, ENTRY_LIMITS.headline)}${languageMark(entry.lang)}`),
  );
  const update = entry.isUpdate ? [htmlTag("i", htmlText(` (${strings.update})`))] : [];
  const watched = entry.watched === undefined ? [] : [htmlText(watchMark(entry.watched))];
  const head = joinHtml([title, ...update, ...watched]);
  const lines = [head];
  if (entry.summary.trim() !== "") lines.push(htmlText(clampText(entry.summary, ENTRY_LIMITS.summary)));
  if (entry.sources.length > 0) lines.push(sourcesLine(entry, strings));
  return joinHtml(lines, "\n");
}

/**
 * The digest as Telegram HTML messages: only b, i and a tags, every character from feeds
 * escaped, each message at most 4096 characters after entity parsing, split between entries
 * (never inside a tag or an entry). The header goes in the first message, totals in the last.
 * Send with link previews off.
 */
export function renderTelegramHtml(doc: DigestDocument): string[] {
  const strings = digestStrings(doc.lang);
  const header = htmlTag("b", htmlText(`📰 ${strings.brand} · ${doc.title}`));
  const closing = htmlText(closingLine(doc));
  const blocks = [header, ...doc.entries.map((e, i) => entryPiece(e, i, strings)), closing];
  const messages: HtmlPiece[] = [];
  let current: HtmlPiece | undefined;
  for (const block of blocks) {
    const candidate: HtmlPiece = current === undefined ? block : joinHtml([current, block], "\n\n");
    if (candidate.visible <= TelegramLimits.text) {
      current = candidate;
      continue;
    }
    if (current !== undefined) messages.push(current);
    current = block;
  }
  if (current !== undefined) messages.push(current);
  return messages.map((m) => m.html);
}
