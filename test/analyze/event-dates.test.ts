import { describe, expect, it } from "vitest";
import { datesIn, referenceDatesIn, shiftDates, weekdayDatesIn } from "../../src/analyze/event-dates.js";

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

  it("reads Thanh Niên's dotted dates after a time word, not a magnitude or a decimal", () => {
    expect(datesIn("Nhà Trắng ngày 8.3 (giờ Mỹ) khẳng định")).toEqual(["d:8-3"]);
    expect(datesIn("Triều Tiên phóng tên lửa sáng 27.5")).toEqual(["d:27-5"]);
    expect(datesIn("Động đất 6.3 độ ở Triều Tiên")).toEqual([]);
    expect(datesIn("tăng trưởng 2.5 phần trăm")).toEqual([]);
  });

  it("reads when someone took office, or since when, as background, not the day of the event", () => {
    expect([...referenceDatesIn("Tổng thống Lee Jae-myung, người vừa nhậm chức ngày 4.6, chỉ đạo")]).toEqual(["d:4-6"]);
    expect([...referenceDatesIn("Lee, who took office on June 4, ordered the halt")]).toEqual(["d:4-6"]);
    expect([...referenceDatesIn("Lee ordered the halt on June 11")]).toEqual([]);
  });

  it("reads the date of what the news came after as background: the launch six days before", () => {
    expect([
      ...referenceDatesIn("Triều Tiên sáng 11/1 phóng một tên lửa đạn đạo, chưa đầy một tuần sau vụ thử hôm 5/1."),
    ]).toEqual(["d:5-1"]);
    expect([...referenceDatesIn("It fired a missile on Jan. 11, less than a week after the test on Jan. 5.")]).toEqual([
      "d:5-1",
    ]);
    expect([...referenceDatesIn("North Korea fired a missile on Jan. 11 from Jagang province")]).toEqual([]);
  });

  it("moves a text's dates by some days in their own style, leaving references and figures as written", () => {
    // 11 January 2022 to 30 November 2022 is 323 days.
    expect(shiftDates("Triều Tiên sáng 11/1 phóng tên lửa, ngày 12 tháng 1 KCNA xác nhận", 323, 2022)).toBe(
      "Triều Tiên sáng 30/11 phóng tên lửa, ngày 1 tháng 12 KCNA xác nhận",
    );
    expect(shiftDates("SEOUL, Jan. 11 (Yonhap) -- fired on 11 Jan, chiều 11.1", 323, 2022)).toBe(
      "SEOUL, November 30 (Yonhap) -- fired on 30 November, chiều 30.11",
    );
    expect(shiftDates("the Sept. 19 military pact, signed 12/6/2018, grew 2.5 percent", 30, 2022)).toBe(
      "the Sept. 19 military pact, signed 12/6/2018, grew 2.5 percent",
    );
    expect(datesIn(shiftDates("Hội nghị ngày 31-12", 1, 2023))).toEqual(["d:1-1"]);
  });

  describe("days a report dates by weekday", () => {
    // Friday 9 March 2018, 09:35 in Seoul (00:35 UTC): Washington's Thursday evening.
    const friday = Date.parse("2018-03-09T00:35:00Z");
    it("reads a weekday as the latest one at or before publication, on the region's clock", () => {
      expect([...weekdayDatesIn("Trump accepted the invitation on Thursday, Chung told reporters.", friday)]).toEqual([
        "d:8-3",
      ]);
      expect([...weekdayDatesIn("The envoys met Kim in Pyongyang on Monday.", friday)]).toEqual(["d:5-3"]);
      expect([...weekdayDatesIn("South Korea expressed regret Friday.", friday)]).toEqual(["d:9-3"]);
      // 23:00 UTC on Sunday is Monday morning in Seoul: "on Monday" is that day.
      expect([...weekdayDatesIn("Kim arrived on Monday.", Date.parse("2018-03-11T23:00:00Z"))]).toEqual(["d:12-3"]);
    });
    it("reads a weekday after 'will' or 'sẽ' as the next one, but not for a clause after it", () => {
      expect([...weekdayDatesIn("Kim will meet Putin in Vladivostok on Wednesday.", friday)]).toEqual(["d:14-3"]);
      expect([...weekdayDatesIn("Ông Kim sẽ gặp ông Putin vào thứ Tư.", friday)]).toEqual(["d:14-3"]);
      expect([
        ...weekdayDatesIn("Russia on Thursday vetoed the resolution, meaning the panel will be disbanded.", friday),
      ]).toEqual(["d:8-3"]);
    });
    it("reads Vietnamese weekdays only after a time word, not the ordinal 'thứ hai' (second)", () => {
      expect([...weekdayDatesIn("Hai nhà lãnh đạo hội đàm hôm thứ Hai tại Bình Nhưỡng.", friday)]).toEqual(["d:5-3"]);
      expect([...weekdayDatesIn("Cuộc gặp diễn ra sáng Chủ nhật.", friday)]).toEqual(["d:4-3"]);
      expect([...weekdayDatesIn("Hội nghị thượng đỉnh lần thứ hai diễn ra tại Hà Nội.", friday)]).toEqual([]);
      expect([...weekdayDatesIn("Đây là ngày thứ hai của chuyến thăm.", friday)]).toEqual([]);
    });
  });
});
