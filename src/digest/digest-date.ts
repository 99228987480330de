import { type Lang, type WallClock, wallClock } from "../domain/index.js";
import { ENGLISH_MONTHS } from "../text/index.js";
import { digestStrings } from "./i18n.js";

/** The zone's clock, or UTC's for an unknown zone in old data: that must not cost the reader a briefing. */
function localParts(now: number, timezone: string): WallClock {
  try {
    return wallClock(now, timezone);
  } catch {
    return wallClock(now, "UTC");
  }
}

/** The digest header date in the reader's zone: "Thứ Bảy, 22/11/2026" or "Saturday, 22 November 2026". */
export function formatDigestDate(now: number, timezone: string, lang: Lang): string {
  const { weekday, day, month, year } = localParts(now, timezone);
  const name = digestStrings(lang).weekdays[weekday]!;
  if (lang === "vi") return `${name}, ${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
  return `${name}, ${day} ${ENGLISH_MONTHS[month - 1]} ${year}`;
}
