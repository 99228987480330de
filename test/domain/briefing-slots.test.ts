import { describe, expect, it } from "vitest";
import { dueSlots, isWithinGrace, parseWeeklyTime } from "../../src/domain/index.js";

const HOUR = 3_600_000;
const utc = (iso: string) => Date.parse(iso);

/** Tick once a minute across [start, end) the way the scheduler does, collecting each slot fired. */
function tickEveryMinute(times: string[], zone: string, start: number, end: number): { key: string; at: string }[] {
  const fired: { key: string; at: string }[] = [];
  for (let t = start; t < end; t += 60_000) {
    for (const s of dueSlots(times, zone, t, t + 60_000)) fired.push({ key: s.key, at: new Date(s.at).toISOString() });
  }
  return fired;
}

describe("briefing slots in the subscriber's time zone", () => {
  it("fires 07:00 Hanoi time at 00:00 UTC with a key naming the local date and time", () => {
    const slots = dueSlots(["07:00"], "Asia/Ho_Chi_Minh", utc("2026-11-22T12:00Z"), utc("2026-11-23T12:00Z"));
    expect(slots).toEqual([
      { key: "2026-11-23T07:00@Asia/Ho_Chi_Minh", kind: "briefing", at: utc("2026-11-23T00:00Z") },
    ]);
  });

  it("New York spring-forward day: 02:30 (skipped by the clock) fires once when the clock jumps, 07:00 once", () => {
    const fired = tickEveryMinute(
      ["02:30", "07:00"],
      "America/New_York",
      utc("2026-03-07T12:00Z"),
      utc("2026-03-09T12:00Z"),
    );
    expect(fired).toEqual([
      { key: "2026-03-08T02:30@America/New_York", at: "2026-03-08T07:00:00.000Z" },
      { key: "2026-03-08T07:00@America/New_York", at: "2026-03-08T11:00:00.000Z" },
      { key: "2026-03-09T02:30@America/New_York", at: "2026-03-09T06:30:00.000Z" },
      { key: "2026-03-09T07:00@America/New_York", at: "2026-03-09T11:00:00.000Z" },
    ]);
  });

  it("New York fall-back day: 01:30 (shown twice by the clock) fires once, at its first occurrence", () => {
    const fired = tickEveryMinute(
      ["01:30", "07:00"],
      "America/New_York",
      utc("2026-11-01T00:00Z"),
      utc("2026-11-02T00:00Z"),
    );
    expect(fired).toEqual([
      { key: "2026-11-01T01:30@America/New_York", at: "2026-11-01T05:30:00.000Z" },
      { key: "2026-11-01T07:00@America/New_York", at: "2026-11-01T12:00:00.000Z" },
    ]);
  });

  it("Berlin on both switch days: every local time of the day fires exactly once", () => {
    const times = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:30`);
    for (const day of ["2026-03-29", "2026-10-25"]) {
      const start = utc(`${day}T00:00Z`) - 6 * HOUR;
      const fired = tickEveryMinute(times, "Europe/Berlin", start, start + 36 * HOUR);
      const keys = fired.map((f) => f.key).filter((k) => k.startsWith(day));
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toEqual(times.map((t) => `${day}T${t}@Europe/Berlin`));
    }
    // The repeated 02:30 on 25 October is sent at the first one (CEST, UTC+2).
    const repeated = dueSlots(["02:30"], "Europe/Berlin", utc("2026-10-24T22:00Z"), utc("2026-10-25T06:00Z"));
    expect(repeated.map((s) => new Date(s.at).toISOString())).toEqual(["2026-10-25T00:30:00.000Z"]);
  });

  it("a weekly briefing fires on its weekday only, under its own key", () => {
    const weekly = parseWeeklyTime("Sun 19:00");
    expect(weekly).toEqual({ weekday: 0, time: "19:00" });
    const slots = dueSlots([], "Asia/Ho_Chi_Minh", utc("2026-11-16T00:00Z"), utc("2026-11-30T00:00Z"), weekly);
    expect(slots.map((s) => s.key)).toEqual([
      "weekly:2026-11-22T19:00@Asia/Ho_Chi_Minh",
      "weekly:2026-11-29T19:00@Asia/Ho_Chi_Minh",
    ]);
    expect(parseWeeklyTime("someday 19:00")).toBeUndefined();
  });

  it("ignores malformed times instead of inventing a slot", () => {
    expect(dueSlots(["7:00", "24:00", "x"], "UTC", 0, 3 * 24 * HOUR)).toEqual([]);
  });

  it("a slot passed less than the grace period ago is still due; an older one is not", () => {
    const [slot] = dueSlots(["07:00"], "UTC", utc("2026-11-23T00:00Z"), utc("2026-11-23T08:00Z"));
    if (slot === undefined) throw new Error("no slot");
    expect(isWithinGrace(slot, utc("2026-11-23T12:59Z"), 6)).toBe(true);
    expect(isWithinGrace(slot, utc("2026-11-23T13:01Z"), 6)).toBe(false);
  });
});
