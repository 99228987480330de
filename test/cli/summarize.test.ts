import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

const event = {
  id: "e1",
  docs: [
    {
      title: "Mỹ và Triều Tiên đàm phán tại Stockholm - VnExpress",
      text: "TTO - Ngày 5-10, Mỹ và Triều Tiên đã nối lại đàm phán cấp chuyên viên tại Stockholm. Đoàn Triều Tiên do ông Kim Myong-gil dẫn đầu và đoàn Mỹ do ông Stephen Biegun dẫn đầu.",
      published: "2019-10-05T08:00:00Z",
      source: "tuoitre",
    },
    {
      title: "Đàm phán Mỹ - Triều tại Stockholm kết thúc",
      text: "Cuộc đàm phán cấp chuyên viên giữa Mỹ và Triều Tiên tại Stockholm đã kết thúc mà không đạt kết quả.",
      published: "2019-10-05T18:00:00Z",
      source: "vov",
    },
  ],
};

describe("summarize command", () => {
  it("reads JSON Lines from stdin and prints one {id, summary} line per event, in order", async () => {
    const input = `${JSON.stringify(event)}\n\n${JSON.stringify({ id: 7, docs: [{ title: "Chỉ có tiêu đề" }] })}\n`;
    const result = await cli(["summarize"], {}, input);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string; summary: string });
    expect(lines.map((l) => l.id)).toEqual(["e1", "7"]);
    expect(lines[0]!.summary).toMatch(/Stockholm/);
    expect(lines[0]!.summary.length).toBeLessThanOrEqual(300);
    expect(lines[0]!.summary).not.toMatch(/TTO/);
    expect(lines[1]!.summary).toBe("Chỉ có tiêu đề");
  });

  it("reads a file given with --input", async () => {
    const file = join(tempDir(), "events.jsonl");
    writeFileSync(file, `${JSON.stringify(event)}\n`);
    const result = await cli(["summarize", "--input", file]);
    expect(result.code).toBe(0);
    expect(Object.keys(JSON.parse(result.stdout) as object)).toEqual(["id", "summary"]);
  });

  it("names the line of bad input and prints nothing on stdout", async () => {
    const notJson = await cli(["summarize"], {}, `${JSON.stringify(event)}\n{oops\n`);
    expect(notJson.code).not.toBe(0);
    expect(notJson.stderr).toMatch(/line 2: not valid JSON/);
    expect(notJson.stdout).toBe("");
    const noDocs = await cli(["summarize"], {}, `${JSON.stringify({ id: "x" })}\n`);
    expect(noDocs.stderr).toMatch(/line 1: docs:/);
  });
});
