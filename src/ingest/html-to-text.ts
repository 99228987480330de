import { Parser } from "htmlparser2";

const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "br",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "td",
  "th",
  "tr",
  "ul",
]);
const SKIPPED = new Set(["script", "style", "noscript", "template", "iframe", "object", "svg", "head", "title"]);

/**
 * Visible text of an HTML fragment, block elements separated by blank lines (paragraphs
 * survive for normalizeParagraphs), scripts and styles dropped, entities decoded by a real
 * HTML tokenizer (htmlparser2, streaming: no DOM is built, which matters at feed volume).
 * Plain text without markup or entities is returned as is, which is most titles.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html;
  return inlineMarkupText(html) ?? parsedText(html);
}

/**
 * Tags that neither separate paragraphs nor hide what they hold: their text is the text
 * between them. A lead wrapping its picture in a link (`<a><img/></a>Text`, most Vietnamese
 * outlets) is nothing else.
 */
const INLINE = new Set([
  "a",
  "abbr",
  "b",
  "cite",
  "code",
  "em",
  "font",
  "i",
  "img",
  "mark",
  "q",
  "s",
  "small",
  "span",
  "strong",
  "sub",
  "sup",
  "u",
]);
/** One start or end tag, its attributes quoted or plain, read from where the last one ended. */
const SIMPLE_TAG = /<\/?([A-Za-z][A-Za-z0-9]*)(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?)*\s*\/?>/y;

/**
 * The text of HTML made only of text and inline tags, without entities, where a tokenizer
 * would find exactly the text between the tags: undefined for anything else (a block, a
 * comment, an entity, a lone "<"), which the tokenizer reads. Five times cheaper on a lead.
 */
function inlineMarkupText(html: string): string | undefined {
  if (html.includes("&")) return undefined;
  let text = "";
  let from = 0;
  for (let at = html.indexOf("<"); at >= 0; at = html.indexOf("<", from)) {
    SIMPLE_TAG.lastIndex = at;
    const tag = SIMPLE_TAG.exec(html);
    if (tag === null || !INLINE.has((tag[1] as string).toLowerCase())) return undefined;
    text += html.slice(from, at);
    from = SIMPLE_TAG.lastIndex;
  }
  return text + html.slice(from);
}

/** Every HTML fragment, by htmlparser2's tokenizer. */
function parsedText(html: string): string {
  const parts: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipping++;
        else if (BLOCK.has(name)) parts.push("\n\n");
      },
      onclosetag(name, implied) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK.has(name) && !implied) parts.push("\n\n");
      },
      ontext(text) {
        if (skipping === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  return parts.join("");
}
