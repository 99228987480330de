import type { WeeklyTime } from "./types.js";
import { parseLocalTime } from "./weekdays.js";
import { addDays, formatLocalDate, type LocalDate, localToInstant, wallClock } from "./zoned-time.js";

/** One scheduled moment for one subscription. */
export interface Slot {
  /** Unique per subscription and moment, e.g. "2026-11-23T07:00@Asia/Ho_Chi_Minh" (weekly: "weekly:…"). */
  readonly key: string;
  readonly kind: "briefing" | "weekly";
  /** The instant it fires (epoch ms). */
  readonly at: number;
}

/** Every local date whose slots may fall between `from` and `to` (a day of margin each side). */
function localDatesBetween(from: number, to: number, timezone: string): LocalDate[] {
  const first = addDays(wallClock(from, timezone), -1);
  const last = wallClock(to, timezone);
  const lastKey = formatLocalDate(addDays(last, 1));
  const dates: LocalDate[] = [];
  for (let d = first; ; d = addDays(d, 1)) {
    dates.push(d);
    if (formatLocalDate(d) === lastKey) return dates;
  }
}

/**
 * The briefing slots of `times` (local "HH:MM" in `timezone`) that fire after `from` and at or
 * before `to`, oldest first. On daylight-saving days every local time fires exactly once:
 * a time the clock skips fires when the clock jumps, a repeated time at its first occurrence.
 */
export function dueSlots(
  times: readonly string[],
  timezone: string,
  from: number,
  to: number,
  weekly?: WeeklyTime,
): Slot[] {
  if (to <= from) return [];
  const slots: Slot[] = [];
  for (const date of localDatesBetween(from, to, timezone)) {
    const day = formatLocalDate(date);
    const add = (time: string, kind: Slot["kind"]) => {
      const t = parseLocalTime(time);
      if (t === undefined) return;
      const at = localToInstant(date, t.hour, t.minute, timezone);
      if (at <= from || at > to) return;
      const key = `${kind === "weekly" ? "weekly:" : ""}${day}T${time}@${timezone}`;
      if (!slots.some((s) => s.key === key)) slots.push({ key, kind, at });
    };
    for (const time of times) add(time, "briefing");
    if (weekly !== undefined && new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() === weekly.weekday)
      add(weekly.time, "weekly");
  }
  return slots.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
}

/** The next briefing (daily or weekly) after `now`, or undefined when none is set. */
export function nextSlot(
  times: readonly string[],
  timezone: string,
  now: number,
  weekly?: WeeklyTime,
): Slot | undefined {
  return dueSlots(times, timezone, now, now + 8 * 24 * 3_600_000, weekly)[0];
}

/** A slot passed less than the grace period ago is still sent (late, once); an older one is skipped. */
export function isWithinGrace(slot: Slot, now: number, graceHours: number): boolean {
  return now - slot.at <= graceHours * 3_600_000;
}
