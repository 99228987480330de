import { foldDiacritics } from "../text/index.js";

/** Happenings that make a story matter more than its outlet count says. */
export type StrongSignal = "missile-launch" | "nuclear-test" | "summit" | "treaty" | "sanctions";

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

/** The strong signals a headline and summary mention, in a fixed order. */
export function detectStrongSignals(text: string): StrongSignal[] {
  const folded = ` ${foldDiacritics(text).replace(/[^\p{L}\p{N}]+/gu, " ")} `;
  return (Object.keys(PHRASES) as StrongSignal[]).filter((signal) =>
    PHRASES[signal].some((phrase) => folded.includes(` ${phrase}`)),
  );
}
