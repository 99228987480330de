import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { normalizeParagraphs, normalizeText } from "../text/index.js";
import { htmlToText } from "./html-to-text.js";
import { stripBoilerplate } from "./strip-boilerplate.js";

/** Shorter than this, what Readability found is a teaser or a gallery, not an article. */
const MIN_TEXT_CHARS = 200;

/**
 * The main text of an article page: Readability over linkedom picks the article, its HTML
 * becomes paragraphs joined by "\n\n", and the wrapping Vietnamese sites leave inside it
 * (stripBoilerplate) goes. `url` resolves relative links. Null when the page has no article.
 */
export function extractArticle(html: string, url: string): { title: string; text: string } | null {
  const { document } = parseHTML(html);
  // Readability reads the page address from the document; linkedom has none of its own.
  Object.defineProperty(document, "documentURI", { value: url, configurable: true });
  Object.defineProperty(document, "baseURI", { value: url, configurable: true });
  let article: ReturnType<Readability<string>["parse"]>;
  try {
    article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
      charThreshold: 300,
    }).parse();
  } catch {
    return null;
  }
  if (article === null || typeof article.content !== "string") return null;
  const text = normalizeParagraphs(stripBoilerplate(htmlToText(article.content)));
  if (text.length < MIN_TEXT_CHARS) return null;
  const title = normalizeText(article.title ?? "");
  // The page's h1 often opens the body too; the title field already carries it.
  const body = text.startsWith(`${title}\n\n`) ? text.slice(title.length + 2) : text;
  return { title, text: body };
}
