/**
 * Parses a message the way Telegram's HTML parse mode does (Bot API "Formatting options") and
 * says what Telegram would say: allowed tags only, properly nested and closed, every `<`, `>`,
 * `&` that is not markup escaped (named entities only &lt; &gt; &amp; &quot;, numeric ones all),
 * and 1–4096 characters of text after entity parsing. Used by rendering tests and by the fake
 * Bot API server, so a message our fake accepts is one Telegram accepts.
 */

export type TelegramHtmlResult =
  | { readonly ok: true; readonly text: string; readonly length: number }
  | { readonly ok: false; readonly error: string };

export const TELEGRAM_TEXT_LIMIT = 4096;

const ALLOWED = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "tg-emoji",
  "code",
  "pre",
  "blockquote",
]);
const NAMED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"' };

function byteOffset(html: string, index: number): number {
  return Buffer.byteLength(html.slice(0, index), "utf8");
}

function decodeEntity(html: string, at: number): { text: string; end: number } | undefined {
  const m = /^&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|([a-zA-Z]+));/.exec(html.slice(at, at + 12));
  if (m === null) return undefined;
  if (m[3] !== undefined) {
    const named = NAMED[m[3]];
    return named === undefined ? undefined : { text: named, end: at + m[0].length };
  }
  const code = m[1] !== undefined ? Number(m[1]) : Number.parseInt(m[2]!, 16);
  if (code > 0x10ffff) return undefined;
  return { text: String.fromCodePoint(code), end: at + m[0].length };
}

function checkAttributes(name: string, attrs: string): string | undefined {
  const found = [...attrs.matchAll(/([a-zA-Z-]+)\s*=\s*"([^"]*)"/g)];
  const rest = attrs.replace(/([a-zA-Z-]+)\s*=\s*"([^"]*)"/g, "").trim();
  if (rest !== "" && !(name === "blockquote" && rest === "expandable")) return `bad attributes in <${name}>`;
  for (const [, key, value] of found) {
    if (/[<>]/.test(value!)) return `unescaped markup in attribute ${key}`;
    if (name === "a" && key === "href") continue;
    if (name === "span" && key === "class" && value === "tg-spoiler") continue;
    if (name === "code" && key === "class" && /^language-/.test(value!)) continue;
    if (name === "tg-emoji" && key === "emoji-id") continue;
    return `unsupported attribute ${key} in <${name}>`;
  }
  if (name === "span" && !found.some(([, k, v]) => k === "class" && v === "tg-spoiler"))
    return "span without tg-spoiler";
  return undefined;
}

type Step = { readonly ok: true; readonly end: number } | { readonly ok: false; readonly error: string };

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error: `Can't parse entities: ${error}` };
}

/** One tag at `at`: pushed on or popped off `stack`, or the error Telegram would give. */
function readTag(html: string, at: number, stack: string[]): Step {
  const offset = byteOffset(html, at);
  const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*)?)>/.exec(html.slice(at));
  if (m === null) return fail(`unclosed start tag at byte offset ${offset}`);
  const [whole, slash, rawName, attrs] = m;
  const name = rawName!.toLowerCase();
  if (!ALLOWED.has(name)) return fail(`Unsupported start tag "${name}" at byte offset ${offset}`);
  if (slash === "/") {
    const open = stack.pop();
    return open === name ? { ok: true, end: at + whole!.length } : fail(`Unmatched end tag at byte offset ${offset}`);
  }
  const bad = checkAttributes(name, attrs ?? "");
  if (bad !== undefined) return fail(`${bad} at byte offset ${offset}`);
  if (name === "blockquote" && stack.includes("blockquote")) return fail(`nested blockquote at byte offset ${offset}`);
  if (stack.includes("pre") || (stack.includes("code") && name !== "code")) {
    return fail(`entity inside pre/code at byte offset ${offset}`);
  }
  stack.push(name);
  return { ok: true, end: at + whole!.length };
}

/** Validates one message's HTML as Telegram would before sending it. */
export function parseTelegramHtml(html: string): TelegramHtmlResult {
  const stack: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "&") {
      const entity = decodeEntity(html, i);
      if (entity === undefined) return fail(`unescaped & at byte offset ${byteOffset(html, i)}`);
      text += entity.text;
      i = entity.end;
    } else if (ch === ">") {
      return fail(`unescaped > at byte offset ${byteOffset(html, i)}`);
    } else if (ch === "<") {
      const step = readTag(html, i, stack);
      if (!step.ok) return step;
      i = step.end;
    } else {
      text += ch;
      i++;
    }
  }
  if (stack.length > 0) return fail(`Can't find end tag corresponding to start tag "${stack.at(-1)}"`);
  if (text.trim().length === 0) return { ok: false, error: "Bad Request: message text is empty" };
  // Telegram measures text in UTF-16 code units after entity parsing.
  if (text.length > TELEGRAM_TEXT_LIMIT) return { ok: false, error: "Bad Request: message is too long" };
  return { ok: true, text, length: text.length };
}
