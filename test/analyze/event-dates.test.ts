import { describe, expect, it } from "vitest";
import { datesIn, referenceDatesIn } from "../../src/analyze/event-dates.js";

describe("dates a report names", () => {
  it("reads one date in every style, either language", () => {
    for (const text of ["sáng 12/6", "ngày 12-6", "ngày 12 tháng 6", "on June 12", "12 June"]) {
      expect(datesIn(text)).toEqual(["d:12-6"]);
    }
  });

  it("tells the dates a report cites from the day of what it reports", () => {
    const cited = [
      "tái khẳng định Tuyên bố Panmunjom ngày 27/4/2018",
      "the Panmunjom Declaration signed on April 27, 2018",
      "signed on 27 April 2018",
      "ngày 27 tháng 4 năm 2018",
    ];
    for (const text of cited) expect([...referenceDatesIn(text)]).toEqual(["d:27-4"]);
    expect([...referenceDatesIn("Yoon approves partial suspension of Sept. 19 military pact")]).toEqual(["d:19-9"]);
    expect([...referenceDatesIn("Hàn Quốc đình chỉ thỏa thuận quân sự 19/9")]).toEqual(["d:19-9"]);
    // The verb "tuyên bố" (to declare) dates the event; the capitalised noun names a document.
    expect([...referenceDatesIn("Ông Trump tuyên bố ngày 12-6 rằng Mỹ sẽ ngừng tập trận")]).toEqual([]);
    expect([...referenceDatesIn("North Korea fired a missile on June 12, the JCS said")]).toEqual([]);
  });
});
