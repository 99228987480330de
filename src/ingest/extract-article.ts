import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { normalizeParagraphs, normalizeText } from "../text/index.js";
import { htmlToText } from "./html-to-text.js";
import { stripBoilerplate } from "./strip-boilerplate.js";

/** Shorter than this, what Readability found is a teaser or a gallery, not an article. */
const MIN_TEXT_CHARS = 200;

/**
 * Where the outlets put the sapo (the lead paragraph, "(Dân trí) - …", "TGVN. …"). Several
 * put it beside the content box, not in it, and Readability drops it there.
 */
const LEAD_SELECTOR = [
  "h2.singular-sapo", // Dân trí
  "p.description", // VnExpress
  ".detail-sapo", // Tuổi Trẻ, Thanh Niên, Báo Chính phủ
  ".article__sapo", // VietnamPlus, Nhân Dân, VOV
  ".content-detail-sapo", // VietNamNet
  ".sapo", // Báo Quốc tế
].join(", ");
/** Longer than this, a match is a box around more than the sapo. */
const MAX_LEAD_CHARS = 600;
/** Breadcrumb, date and byline above a sapo are a few short lines; more is story, kept. */
const MAX_HEADER_CHARS = 300;

/**
 * Photo and video captions. Marked up, they go here; the unmarked ones that carry a credit
 * ("… (Ảnh: Yonhap).") are left to stripBoilerplate.
 */
const CAPTION_SELECTOR = "figcaption, .PhotoCMS_Caption, .VideoCMS_Caption, p.Image, .caption";
/** Notes beside the story (an aside, a notice such as the samples' "not real news"): never article text. */
const NOTE_SELECTOR = "aside, [role=note]";

type Doc = ReturnType<typeof parseHTML>["document"];

/**
 * The main text of an article page: Readability over linkedom picks the article, its HTML
 * becomes paragraphs joined by "\n\n", and the wrapping Vietnamese sites leave inside it
 * (stripBoilerplate) goes. The page's sapo opens the text even when Readability left it out.
 * `url` resolves relative links. Null when the page has no article.
 */
export function extractArticle(html: string, url: string): { title: string; text: string } | null {
  const { document } = parseHTML(html);
  // Readability reads the page address from the document; linkedom has none of its own.
  Object.defineProperty(document, "documentURI", { value: url, configurable: true });
  Object.defineProperty(document, "baseURI", { value: url, configurable: true });
  // Read before Readability, which rewrites the document as it goes.
  const lead = findLead(document);
  const headline = normalizeText(document.querySelector("h1")?.textContent ?? "");
  for (const node of document.querySelectorAll(`${CAPTION_SELECTOR}, ${NOTE_SELECTOR}`)) node.remove();
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
  const title = wholeHeadline(normalizeText(article.title ?? ""), headline);
  // The page's h1 often opens the body too; the title field already carries it.
  const body = text.startsWith(`${title}\n\n`) ? text.slice(title.length + 2) : text;
  return { title, text: withLeadFirst(body, lead) };
}

/** The first sapo on the page; related-story teasers, which share VnExpress's class, are links. */
function findLead(document: Doc): string {
  for (const node of document.querySelectorAll(LEAD_SELECTOR)) {
    const lead = normalizeText(htmlToText(node.innerHTML));
    const linked = [...node.querySelectorAll("a")].reduce((n, a) => n + (a.textContent ?? "").length, 0);
    if (lead !== "" && lead.length <= MAX_LEAD_CHARS && linked < lead.length / 2) return lead;
  }
  return "";
}

/**
 * The sapo opens the article: the few lines Readability kept above it are the page header
 * (breadcrumb, date), and where Readability dropped it, it goes first.
 */
function withLeadFirst(body: string, lead: string): string {
  if (lead === "") return body;
  const at = body.indexOf(lead);
  if (at === -1) return `${lead}\n\n${body}`;
  const above = body.slice(0, at);
  return above.endsWith("\n\n") && above.length <= MAX_HEADER_CHARS ? body.slice(at) : body;
}

/**
 * Readability takes " - " for the separator before a site name and cuts there, but Vietnamese
 * headlines use it themselves ("Hàn - Mỹ - Nhật họp bàn…"): the h1 it was cut from is the headline.
 */
function wholeHeadline(title: string, headline: string): string {
  return title !== "" && headline.length > title.length && headline.startsWith(title) ? headline : title;
}
