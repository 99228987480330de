import { type Lang, nextSlot, WEEKDAY_NAMES, type WeeklyTime, wallClock } from "../domain/index.js";

/**
 * The next moment after `now` a briefing fires (daily times or the weekly one), or null with none.
 * It is the scheduler's own slot arithmetic, so /status names the instant the briefing really
 * fires (on daylight-saving days too).
 */
export function nextBriefingAt(
  times: readonly string[],
  timeZone: string,
  now: number,
  weekly?: WeeklyTime | null,
): number | null {
  return nextSlot(times, timeZone, now, weekly ?? undefined)?.at ?? null;
}

/** "07:00, Thứ Bảy, 22/11/2026" in the chat's zone: how a Vietnamese reader writes a date. */
export function formatLocalDateTime(epoch: number, timeZone: string, lang: Lang): string {
  const p = wallClock(epoch, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(p.hour)}:${two(p.minute)}, ${WEEKDAY_NAMES[lang][p.weekday]}, ${two(p.day)}/${two(p.month)}/${p.year}`;
}
