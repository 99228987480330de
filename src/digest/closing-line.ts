import type { DigestDocument } from "../domain/index.js";
import { digestStrings } from "./i18n.js";

/**
 * The digest's last line, the same in every renderer: the totals, then the footer (what the
 * chat's mutes held back); with no entries, the footer alone (it says the window is empty).
 */
export function closingLine(doc: DigestDocument): string {
  const strings = digestStrings(doc.lang);
  if (doc.entries.length === 0) return doc.footer ?? strings.empty;
  const totals = strings.totals(doc.totals.articles, doc.totals.outlets);
  return doc.footer === undefined ? totals : `${totals} · ${doc.footer}`;
}
