/**
 * Wall-clock arithmetic in IANA time zones with Intl alone: what a zone's clock shows at an
 * instant, and which instant a local date and time names (including on daylight-saving days).
 */

/** A calendar date and time as a zone's clock shows it. Month 1–12, weekday 0 (Sunday)–6. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly weekday: number;
}

export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** What the clock in `timezone` shows at `instant` (epoch ms), to the minute. */
export function wallClock(instant: number, timezone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timezone).formatToParts(instant)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const year = parts.year ?? 0;
  const month = parts.month ?? 1;
  const day = parts.day ?? 1;
  return {
    year,
    month,
    day,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** The wall clock read as if it were UTC: comparable numbers for local times. */
function wallAsUtc(instant: number, timezone: string): number {
  const w = wallClock(instant, timezone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
}

function offsetAt(instant: number, timezone: string): number {
  const floored = Math.floor(instant / MINUTE) * MINUTE;
  return wallAsUtc(floored, timezone) - floored;
}

/**
 * The first instant at which the zone's clock reads `date hour:minute` or later. A local time
 * that happens twice (autumn) gives its first occurrence; one that does not exist (spring)
 * gives the instant the clock jumps over it, so a briefing set inside the gap still fires once.
 */
export function localToInstant(date: LocalDate, hour: number, minute: number, timezone: string): number {
  const wanted = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const offsets = new Set([offsetAt(wanted - 24 * HOUR, timezone), offsetAt(wanted + 24 * HOUR, timezone)]);
  offsets.add(offsetAt(wanted, timezone));
  const candidates = [...offsets].map((o) => wanted - o).sort((a, b) => a - b);
  const exact = candidates.find((c) => wallAsUtc(c, timezone) === wanted);
  if (exact !== undefined) return exact;
  // In a spring-forward gap: between the candidates the clock jumps once; find the jump.
  let lo = candidates[0] ?? wanted;
  let hi = candidates.at(-1) ?? wanted;
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallAsUtc(mid, timezone) >= wanted) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The calendar date `days` after `date`. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function formatLocalDate(date: LocalDate): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}
