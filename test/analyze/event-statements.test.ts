import { describe, expect, it } from "vitest";
import { statementsIn } from "../../src/analyze/event-statements.js";
import { foldedSyllables } from "../../src/text/tokens.js";

const says = (text: string) => statementsIn(foldedSyllables(text).join(" "));

describe("what a title says happened", () => {
  it("a summit called off, or going ahead, in either language", () => {
    expect(says("Trump calls off Singapore summit with Kim")).toContain("cancelled");
    expect(says("Trump hủy hội nghị thượng đỉnh với Kim Jong-un")).toContain("cancelled");
    expect(says("Thượng đỉnh Mỹ - Triều bị hủy")).toContain("cancelled");
    expect(says("Trump says summit with Kim back on for June 12")).toContain("on");
    expect(says("Thượng đỉnh Mỹ - Triều diễn ra như kế hoạch tại Singapore")).toContain("on");
  });

  it("does not read a cancellation into words that fold like 'hủy'", () => {
    // "chỉ huy" (command), "phát huy" (promote), "huy động" (mobilise) fold to "huy".
    expect(says("Kim Jong-un chỉ huy cuộc tập trận pháo binh")).not.toContain("cancelled");
    expect(says("Hàn Quốc huy động lực lượng sau vụ phóng")).not.toContain("cancelled");
  });

  it("a nuclear test carried out, or a test site blown up", () => {
    expect(says("North Korea conducts sixth nuclear test")).toContain("tested");
    expect(says("Triều Tiên tuyên bố thử hạt nhân lần thứ sáu")).toContain("tested");
    expect(says("N. Korea dismantles nuclear test site")).toEqual(expect.arrayContaining(["dismantled"]));
    expect(says("N. Korea dismantles nuclear test site")).not.toContain("tested");
    expect(says("Triều Tiên cho nổ tung bãi thử hạt nhân Punggye-ri")).toContain("dismantled");
    // The site named, nothing done to it: neither.
    expect(says("Hình ảnh vệ tinh cho thấy hoạt động tại bãi thử hạt nhân Punggye-ri")).not.toContain("tested");
    expect(says("Satellite images show activity at nuclear test site")).not.toContain("tested");
  });
});
