import { safeUrl } from "../../digest/index.js";

/**
 * Telegram's limits on what Bantin sends, and the room it keeps under them (Bot API:
 * sendMessage, "Formatting options", InlineKeyboardButton).
 */
export const TelegramLimits = {
  /** A message's text after entity parsing, in UTF-16 code units (what JavaScript's `length` counts). */
  text: 4096,
  /**
   * A reply part measured before parsing, escaped: parsing only shortens it (`&amp;` is one
   * character), so 4000 escaped characters stay under `text` with room to spare.
   */
  replyPart: 4000,
  /** callback_data of an inline button, in bytes (topic ids are short slugs). */
  callbackData: 64,
  /** The longest entity `escapeTelegramHtml` writes (`&quot;`): a cut must not fall inside one. */
  longestEntity: 6,
} as const;

/**
 * Escapes text for Telegram HTML: the three characters it requires (`&`, `<`, `>`), plus `"` so
 * the same text is safe inside an attribute. Telegram turns each entity back into its character.
 */
export function escapeTelegramHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A piece of a message: its HTML and the length Telegram counts (visible text, UTF-16 units). */
export interface HtmlPiece {
  readonly html: string;
  readonly visible: number;
}

/** The tags Bantin writes (Telegram allows more; these are all the renderers need). */
export type TelegramTag = "b" | "i";

/** Feed text, escaped. */
export function htmlText(s: string): HtmlPiece {
  return { html: escapeTelegramHtml(s), visible: s.length };
}

export function htmlTag(name: TelegramTag, inner: HtmlPiece): HtmlPiece {
  return { html: `<${name}>${inner.html}</${name}>`, visible: inner.visible };
}

/** A link when the URL is http(s) (see `safeUrl`), else the label alone. */
export function htmlLink(label: string, url: string): HtmlPiece {
  const href = safeUrl(url);
  const inner = htmlText(label);
  return href === undefined
    ? inner
    : { html: `<a href="${escapeTelegramHtml(href)}">${inner.html}</a>`, visible: inner.visible };
}

export function joinHtml(pieces: readonly HtmlPiece[], sep = ""): HtmlPiece {
  return {
    html: pieces.map((p) => p.html).join(escapeTelegramHtml(sep)),
    visible: pieces.reduce((n, p) => n + p.visible, 0) + sep.length * Math.max(0, pieces.length - 1),
  };
}

/**
 * Escaped text (no tags) cut at line breaks so no part passes `limit`; a line longer than a part
 * is cut where no entity is split.
 */
export function splitEscaped(html: string, limit: number = TelegramLimits.replyPart): string[] {
  const parts: string[] = [];
  let current = "";
  for (const line of html.split("\n")) {
    let rest = line;
    while (rest.length > limit) {
      let cut = limit;
      const amp = rest.lastIndexOf("&", cut);
      if (amp > cut - TelegramLimits.longestEntity) cut = amp;
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    if (current !== "" && current.length + 1 + rest.length > limit) {
      parts.push(current);
      current = rest;
    } else current = current === "" ? rest : `${current}\n${rest}`;
  }
  if (current.trim() !== "") parts.push(current);
  return parts;
}
