/** How far back a digest looks: a day (the morning briefing, /digest), three days, or a week. */
export type DigestWindow = "24h" | "3d" | "7d";

export const DIGEST_WINDOW_MS: Readonly<Record<DigestWindow, number>> = {
  "24h": 86_400_000,
  "3d": 3 * 86_400_000,
  "7d": 7 * 86_400_000,
};

/** Every way a reader or an operator writes a window ("1d" is "24h", "1w" is "7d"). */
const SPELLINGS: Readonly<Record<string, DigestWindow>> = {
  "24h": "24h",
  "1d": "24h",
  "3d": "3d",
  "72h": "3d",
  "7d": "7d",
  "1w": "7d",
};

/** The window a word names, or undefined; `word` is compared in lower case (callers fold diacritics). */
export function digestWindowOf(word: string): DigestWindow | undefined {
  return SPELLINGS[word.trim().toLowerCase()];
}
