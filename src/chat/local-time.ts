import type { Lang } from "../domain/index.js";

interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly weekday: number;
}

function localParts(epoch: number, timeZone: string): LocalParts {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    weekday: "short",
  }).formatToParts(epoch);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "0";
  return {
    year: Number(get("year")),
    month: Number(get("month")),
    day: Number(get("day")),
    hour: Number(get("hour")),
    minute: Number(get("minute")),
    weekday: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(get("weekday")),
  };
}

/** The epoch of a wall-clock time in a zone (the later one when clocks go back). */
function epochOfLocal(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  let guess = asUtc;
  // Two rounds settle the zone offset even across a DST change.
  for (let i = 0; i < 2; i++) {
    const p = localParts(guess, timeZone);
    const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - guess;
    guess = asUtc - offset;
  }
  return guess;
}

/** The next moment after `now` at one of the "HH:MM" times in `timeZone`, or null with no times. */
export function nextBriefingAt(times: readonly string[], timeZone: string, now: number): number | null {
  if (times.length === 0) return null;
  const today = localParts(now, timeZone);
  let best: number | null = null;
  for (let offset = 0; offset <= 1; offset++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    for (const time of times) {
      const [h, m] = time.split(":").map(Number);
      const at = epochOfLocal(
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        h ?? 0,
        m ?? 0,
        timeZone,
      );
      if (at > now && (best === null || at < best)) best = at;
    }
  }
  return best;
}

const WEEKDAYS: Record<Lang, readonly string[]> = {
  vi: ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"],
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
};

/** "07:00, Thứ Bảy, 22/11/2026" in the chat's zone: how a Vietnamese reader writes a date. */
export function formatLocalDateTime(epoch: number, timeZone: string, lang: Lang): string {
  const p = localParts(epoch, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(p.hour)}:${two(p.minute)}, ${WEEKDAYS[lang][p.weekday]}, ${two(p.day)}/${two(p.month)}/${p.year}`;
}
