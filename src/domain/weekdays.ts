import type { Lang, WeeklyTime } from "./types.js";

/** Day names as a reader sees them, Sunday first (the index `WallClock.weekday` and `getUTCDay` give). */
export const WEEKDAY_NAMES: Readonly<Record<Lang, readonly string[]>> = {
  vi: ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"],
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
};

/** The stored spelling of a weekday ("sun" … "sat"), Sunday first. */
export const WEEKDAY_CODES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "HH:MM" as hour and minute, or undefined when it is not a valid 24-hour time. */
export function parseLocalTime(time: string): { hour: number; minute: number } | undefined {
  const m = TIME.exec(time);
  if (m === null) return undefined;
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** The stored form of a weekly time: "sun 19:00". */
export function formatWeeklyTime(weekly: WeeklyTime): string {
  return `${WEEKDAY_CODES[weekly.weekday]} ${weekly.time}`;
}

/** The stored form ("sun 19:00", any case) as a weekly time, or undefined. */
export function parseWeeklyTime(text: string): WeeklyTime | undefined {
  const [day, time, ...rest] = text.trim().toLowerCase().split(/\s+/);
  const weekday = WEEKDAY_CODES.indexOf((day ?? "") as (typeof WEEKDAY_CODES)[number]);
  if (weekday < 0 || time === undefined || rest.length > 0 || parseLocalTime(time) === undefined) return undefined;
  return { weekday, time };
}
