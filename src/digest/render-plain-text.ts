import type { DigestDocument } from "../domain/index.js";
import { closingLine } from "./closing-line.js";
import { digestStrings } from "./i18n.js";
import { languageMark, watchMark } from "./language-mark.js";

/** The digest as plain text (console chat, `digest --format text`): no markup, links written out. */
export function renderPlainText(doc: DigestDocument): string {
  const strings = digestStrings(doc.lang);
  const lines = [`📰 ${strings.brand} · ${doc.title}`, ""];
  doc.entries.forEach((entry, i) => {
    const update = entry.isUpdate ? ` (${strings.update})` : "";
    lines.push(`${i + 1}. ${entry.headline}${languageMark(entry.lang)}${update}${watchMark(entry.watched)}`);
    if (entry.summary.trim() !== "") lines.push(`   ${entry.summary}`);
    if (entry.sources.length > 0) {
      const sources = entry.sources
        .map((s) => `${s.name}${languageMark(s.lang)}${s.url === "" ? "" : ` <${s.url}>`}`)
        .join(", ");
      lines.push(`   ${strings.entryArticles(entry.articles)} · ${strings.sources}: ${sources}`);
    }
    lines.push("");
  });
  lines.push(closingLine(doc));
  return lines.join("\n");
}
