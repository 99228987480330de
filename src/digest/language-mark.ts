import type { Lang } from "../domain/index.js";

/**
 * " (EN)", " (VI)": how a headline or an outlet in the other language is marked, the same in
 * every renderer and both languages; nothing for the reader's own language (`lang` absent).
 */
export function languageMark(lang: Lang | undefined): string {
  return lang === undefined ? "" : ` (${lang.toUpperCase()})`;
}

/** " · 👁 Choe Son-hui": an entry brought in or named by the chat's watch, the same in every renderer. */
export function watchMark(watched: string | undefined): string {
  return watched === undefined ? "" : ` · 👁 ${watched}`;
}
