import type { ArticleInput, Lang } from "../domain/index.js";
import { chooseHeadline } from "./headline.js";
import type { SummaryDoc } from "./summarizer.js";

/** Summary length in a digest entry. */
export const SUMMARY_CHARS = 300;

/** What summarizers read from an item: lead and body as one text. */
export function toSummaryDoc(a: ArticleInput): SummaryDoc {
  // A page's text often opens with the feed's lead: counted twice, it would outweigh what other outlets say.
  const lead = a.lead.length > 0 && a.text.startsWith(a.lead) ? "" : a.lead;
  const text = [lead, a.text].filter((t) => t.length > 0).join("\n\n");
  return { id: a.id, title: a.title, text, source: a.source, publishedAt: a.publishedAt };
}

/** An event's reports in one language, with the headline they give it. */
export interface LanguageReports {
  readonly lang: Lang;
  readonly headline: string;
  readonly docs: readonly SummaryDoc[];
}

/**
 * An event's reports by language, Vietnamese first, each with its headline: a reader gets the
 * event in their language whenever an outlet wrote it there, in that outlet's own words. A
 * report without a language counts as `defaultLang`. The caller summarises each.
 */
export function reportsByLanguage(reports: readonly ArticleInput[], defaultLang: Lang): LanguageReports[] {
  const out: LanguageReports[] = [];
  for (const lang of ["vi", "en"] as const) {
    const docs = reports.filter((r) => (r.lang ?? defaultLang) === lang).map(toSummaryDoc);
    if (docs.length > 0) out.push({ lang, headline: chooseHeadline(docs), docs });
  }
  return out;
}

/** What a reader of `lang` sees: theirs when there is one, else the other language's. */
export function inLanguage<T extends { readonly lang: Lang }>(texts: readonly T[], lang: Lang): T | undefined {
  return texts.find((t) => t.lang === lang) ?? texts[0];
}
