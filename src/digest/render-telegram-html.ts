import type { DigestDocument, DigestEntry } from "../domain/index.js";
import { clampText, ENTRY_LIMITS, safeUrl } from "./entry-limits.js";
import { type DigestStrings, digestStrings } from "./i18n.js";
import { languageMark } from "./language-mark.js";

/** Telegram's limit on a message's text after entity parsing (Bot API, sendMessage). */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/** Escapes text for Telegram HTML: the three characters it requires, plus quotes for attributes. */
export function escapeTelegramHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A piece of a message: its HTML and the length Telegram counts (visible text, UTF-16 units). */
interface Piece {
  readonly html: string;
  readonly visible: number;
}

function text(s: string): Piece {
  return { html: escapeTelegramHtml(s), visible: s.length };
}
function tag(name: "b" | "i", inner: Piece): Piece {
  return { html: `<${name}>${inner.html}</${name}>`, visible: inner.visible };
}
function link(label: string, url: string): Piece {
  const href = safeUrl(url);
  const inner = text(label);
  return href === undefined
    ? inner
    : { html: `<a href="${escapeTelegramHtml(href)}">${inner.html}</a>`, visible: inner.visible };
}
function join(pieces: readonly Piece[], sep = ""): Piece {
  return {
    html: pieces.map((p) => p.html).join(escapeTelegramHtml(sep)),
    visible: pieces.reduce((n, p) => n + p.visible, 0) + sep.length * Math.max(0, pieces.length - 1),
  };
}

function sourcesLine(entry: DigestEntry, strings: DigestStrings): Piece {
  const shown = entry.sources.slice(0, ENTRY_LIMITS.outlets);
  const links = shown.map((s) => {
    const name = link(clampText(s.name, ENTRY_LIMITS.outletName), s.url);
    return s.lang === undefined ? name : join([name, text(languageMark(s.lang))]);
  });
  const more = entry.sources.length - shown.length;
  const parts = more > 0 ? [...links, text(strings.moreOutlets(more))] : links;
  return join([tag("i", text(`${strings.entryArticles(entry.articles)} · `)), join(parts, ", ")]);
}

function entryPiece(entry: DigestEntry, index: number, strings: DigestStrings): Piece {
  const title = tag(
    "b",
    text(`${index + 1}. ${clampText(entry.headline, ENTRY_LIMITS.headline)}${languageMark(entry.lang)}`),
  );
  const head = entry.isUpdate ? join([title, tag("i", text(` (${strings.update})`))]) : title;
  const lines = [head];
  if (entry.summary.trim() !== "") lines.push(text(clampText(entry.summary, ENTRY_LIMITS.summary)));
  if (entry.sources.length > 0) lines.push(sourcesLine(entry, strings));
  return join(lines, "\n");
}

/**
 * The digest as Telegram HTML messages: only b, i and a tags, every character from feeds
 * escaped, each message at most 4096 characters after entity parsing, split between entries
 * (never inside a tag or an entry). The header goes in the first message, totals in the last.
 * Send with link previews off.
 */
export function renderTelegramHtml(doc: DigestDocument): string[] {
  const strings = digestStrings(doc.lang);
  const header = tag("b", text(`📰 ${strings.brand} · ${doc.title}`));
  const closing = text(
    doc.entries.length === 0 ? (doc.footer ?? strings.empty) : strings.totals(doc.totals.articles, doc.totals.outlets),
  );
  const blocks = [header, ...doc.entries.map((e, i) => entryPiece(e, i, strings)), closing];
  const messages: Piece[] = [];
  let current: Piece | undefined;
  for (const block of blocks) {
    const candidate: Piece = current === undefined ? block : join([current, block], "\n\n");
    if (candidate.visible <= TELEGRAM_MESSAGE_LIMIT) {
      current = candidate;
      continue;
    }
    if (current !== undefined) messages.push(current);
    current = block;
  }
  if (current !== undefined) messages.push(current);
  return messages.map((m) => m.html);
}
