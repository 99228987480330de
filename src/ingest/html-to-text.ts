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
