import { describe, expect, it } from "vitest";
import { cli } from "../support/cli.js";

const lines = [
  {
    id: "1",
    title: "Triều Tiên phóng tên lửa đạn đạo",
    summary: "Bình Nhưỡng phóng tên lửa đạn đạo ra biển ngày 5/10, quân đội Hàn Quốc cho biết.",
    published: "2025-10-05T01:00:00Z",
  },
  {
    id: "2",
    title: "North Korea fires ballistic missile",
    content: "<p>Pyongyang fired a <b>ballistic missile</b> on 5/10, South Korea's military said.</p>",
    published: "2025-10-05T03:00:00Z",
  },
  { id: "3", title: "Giá vàng hôm nay giảm", summary: "Giá vàng SJC giảm 300.000 đồng." },
];

describe("analyze command", () => {
  it("prints every item once with an event, and skips a bad line naming it", async () => {
    const input = `${lines.map((l) => JSON.stringify(l)).join("\n")}\nnot json\n`;
    const r = await cli(["analyze"], {}, input);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/line 4: skipped/);
    const out = JSON.parse(r.stdout) as {
      items: { id: string; relevant: boolean; event: string; topics: string[] }[];
      events: { id: string; items: string[]; headline: string; summary: string }[];
    };
    expect(out.items.map((i) => i.id)).toEqual(["1", "2", "3"]);
    expect(out.items.map((i) => i.relevant)).toEqual([true, true, false]);
    expect(out.items[0]!.event).toBe(out.items[1]!.event);
    expect(out.events.flatMap((e) => e.items).sort()).toEqual(["1", "2", "3"]);
    expect(out.events.every((e) => e.headline.length > 0)).toBe(true);
    expect(JSON.stringify(out)).not.toMatch(/<p>|<b>/);
    const again = await cli(["analyze"], {}, input);
    expect(again.stdout).toBe(r.stdout);
  });
});
