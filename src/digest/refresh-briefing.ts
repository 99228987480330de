import type { DigestCandidate, DigestDocument } from "../domain/index.js";
import { entryOf, totalsOf } from "./build-digest.js";

/**
 * A briefing already sent, with every entry whose event has grown since (more reports, more
 * outlets) brought up to date: its count, outlets, headline and summary as they stand now, its
 * place, mark and watch unchanged. Undefined when no entry grew, so nothing is to be edited.
 * Pure: the events as they are now come in `current`.
 */
export function refreshBriefing(
  doc: DigestDocument,
  current: (eventId: string) => DigestCandidate | undefined,
): DigestDocument | undefined {
  let grew = false;
  const entries = doc.entries.map((entry) => {
    const now = current(entry.eventId);
    if (now === undefined || now.itemCount <= entry.articles) return entry;
    grew = true;
    const refreshed = entryOf(now, doc.lang, entry.isUpdate);
    return entry.watched === undefined ? refreshed : { ...refreshed, watched: entry.watched };
  });
  return grew ? { ...doc, entries, totals: totalsOf(entries) } : undefined;
}
