import { addDays, type Lang, localToInstant, wallClock } from "../domain/index.js";

/**
 * The next moment after `now` at one of the "HH:MM" times in `timeZone`, or null with no times.
 * Uses the scheduler's zone arithmetic, so /status names the instant the briefing really fires
 * (on daylight-saving days too).
 */
export function nextBriefingAt(times: readonly string[], timeZone: string, now: number): number | null {
  if (times.length === 0) return null;
  const today = wallClock(now, timeZone);
  let best: number | null = null;
  for (let offset = 0; offset <= 1; offset++) {
    const date = addDays(today, offset);
    for (const time of times) {
      const [h, m] = time.split(":").map(Number);
      const at = localToInstant(date, h ?? 0, m ?? 0, timeZone);
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
  const p = wallClock(epoch, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(p.hour)}:${two(p.minute)}, ${WEEKDAYS[lang][p.weekday]}, ${two(p.day)}/${two(p.month)}/${p.year}`;
}
