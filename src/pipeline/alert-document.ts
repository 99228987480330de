import { digestStrings } from "../digest/index.js";
import type { DigestDocument, Lang } from "../domain/index.js";
import type { AlertEventView } from "../store/alert-events-repo.js";

/**
 * The alert as a one-entry digest document, so every platform's digest renderer can show it:
 * headline and summary in the chat's language when the event was reported in it (else the
 * other's, marked), the chat's language's outlets first.
 */
export function alertDocument(event: AlertEventView, lang: Lang): DigestDocument {
  const text = event.texts.find((t) => t.lang === lang) ?? event.texts[0];
  const first = event.reports.find((r) => r.lang === lang) ?? event.reports[0];
  const textLang = text?.lang ?? first?.lang ?? lang;
  const sources = new Map<string, { name: string; url: string; lang?: Lang }>();
  for (const r of [...event.reports].sort((a, b) => Number(b.lang === lang) - Number(a.lang === lang))) {
    if (!sources.has(r.sourceName))
      sources.set(r.sourceName, { name: r.sourceName, url: r.url, ...(r.lang === lang ? {} : { lang: r.lang }) });
  }
  return {
    lang,
    title: digestStrings(lang).alert,
    entries: [
      {
        eventId: event.eventId,
        headline: text?.headline || event.headline || (first?.title ?? ""),
        summary: text?.summary ?? first?.lead ?? "",
        ...(textLang === lang ? {} : { lang: textLang }),
        sources: [...sources.values()],
        articles: event.reports.length,
        isUpdate: false,
      },
    ],
    totals: { articles: event.reports.length, outlets: sources.size },
  };
}
