import type { Lang } from "../domain/index.js";
import { digestStrings } from "./i18n.js";

const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAY_INDEX: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

// Building a DateTimeFormat costs far more than using one; subscribers share a few zones.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timezone: string): Intl.DateTimeFormat | undefined {
  let format = formats.get(timezone);
  if (format !== undefined) return format;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      weekday: "short",
      day: "numeric",
      month: "numeric",
      year: "numeric",
    });
  } catch {
    return undefined;
  }
  formats.set(timezone, format);
  return format;
}

function localParts(now: number, timezone: string): { weekday: number; day: number; month: number; year: number } {
  const format = formatFor(timezone);
  // An unknown zone in old data must not cost the reader a briefing: fall back to UTC.
  if (format === undefined) return localParts(now, "UTC");
  const parts = Object.fromEntries(format.formatToParts(now).map((p) => [p.type, p.value]));
  return {
    weekday: WEEKDAY_INDEX[parts.weekday ?? "Sun"] ?? 0,
    day: Number(parts.day),
    month: Number(parts.month),
    year: Number(parts.year),
  };
}

/** The digest header date in the reader's zone: "Thứ Bảy, 22/11/2026" or "Saturday, 22 November 2026". */
export function formatDigestDate(now: number, timezone: string, lang: Lang): string {
  const { weekday, day, month, year } = localParts(now, timezone);
  const name = digestStrings(lang).weekdays[weekday]!;
  if (lang === "vi") return `${name}, ${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
  return `${name}, ${day} ${MONTHS_EN[month - 1]} ${year}`;
}
