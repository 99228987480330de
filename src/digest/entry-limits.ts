/**
 * Caps on what one entry shows, so any entry fits any platform's smallest message (Discord's
 * 4096-character embed description, Telegram's 4096 after entity parsing) with room to spare:
 * a 5,000-character lead from a feed is cut here, at a word boundary, never mid-character.
 */
export const ENTRY_LIMITS = { headline: 240, summary: 1200, outletName: 60, outlets: 8, url: 1900 } as const;

/** At most `max` code points; cut at a space when one is near, with an ellipsis. */
export function clampText(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  const cut = points.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${space > cut.length * 0.7 ? cut.slice(0, space) : cut}…`;
}

/** Only http(s) links are rendered as links; anything else (javascript:, data:) is dropped. */
export function safeUrl(url: string): string | undefined {
  if (url.length > ENTRY_LIMITS.url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
