import type { StrongSignal } from "../domain/index.js";

export type { StrongSignal } from "../domain/index.js";

/** Folded (no diacritics, lower case) phrases per signal, Vietnamese and English. */
const PHRASES: Readonly<Record<StrongSignal, readonly string[]>> = {
  "missile-launch": [
    "phong ten lua",
    "ban ten lua",
    "thu ten lua",
    "missile launch",
    "fires missile",
    "fired a missile",
    "launched a missile",
    "ballistic missile",
    "ten lua dan dao",
  ],
  "nuclear-test": ["thu hat nhan", "vu thu hat nhan", "nuclear test", "thu bom nhan"],
  summit: ["thuong dinh", "summit"],
  treaty: ["hiep uoc", "hiep dinh", "treaty", "ky ket thoa thuan", "peace agreement"],
  sanctions: ["trung phat", "cam van", "sanction"],
};

/** One regex per signal, matched at word starts over folded text. */
const PATTERNS = (Object.keys(PHRASES) as StrongSignal[]).map(
  (signal) =>
    [signal, new RegExp(`(?:^|[^a-z0-9])(?:${PHRASES[signal].join("|").replace(/ /g, "[^a-z0-9]+")})`)] as const,
);

/**
 * The strong signals a headline and summary mention, in a fixed order. Folding is done inline
 * (marks off, đ→d, lower case) rather than with foldDiacritics: the tone-style pass is not
 * needed for these phrases, and ranking runs this on every candidate of every digest.
 */
export function detectStrongSignals(text: string): StrongSignal[] {
  const folded = text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
  return PATTERNS.filter(([, pattern]) => pattern.test(folded)).map(([signal]) => signal);
}
