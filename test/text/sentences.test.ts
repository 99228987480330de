import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/text/sentences.js";

describe("splitSentences (Vietnamese)", () => {
  it("splits plain sentences at full stops, question and exclamation marks", () => {
    expect(splitSentences("Hội nghị bắt đầu. Hai bên đã gặp nhau! Kết quả ra sao? Chưa rõ.")).toEqual([
      "Hội nghị bắt đầu.",
      "Hai bên đã gặp nhau!",
      "Kết quả ra sao?",
      "Chưa rõ.",
    ]);
  });

  it("keeps city and district abbreviations inside the sentence", () => {
    expect(splitSentences("TAND TP. Đà Nẵng xét xử vụ án. Trụ sở ở Q. Hải Châu, P. Thạch Thang.")).toEqual([
      "TAND TP. Đà Nẵng xét xử vụ án.",
      "Trụ sở ở Q. Hải Châu, P. Thạch Thang.",
    ]);
    expect(splitSentences("Tại Tp. Hồ Chí Minh, giá tăng. Người dân TP.HCM lo lắng.")).toEqual([
      "Tại Tp. Hồ Chí Minh, giá tăng.",
      "Người dân TP.HCM lo lắng.",
    ]);
  });

  it("ends a sentence after TP.HCM when a new sentence follows", () => {
    expect(splitSentences("Cuộc họp diễn ra tại TP.HCM. Theo ban tổ chức, 300 người dự.")).toEqual([
      "Cuộc họp diễn ra tại TP.HCM.",
      "Theo ban tổ chức, 300 người dự.",
    ]);
  });

  it("keeps academic titles before a name", () => {
    const text = "PGS.TS. Nguyễn Văn A cho biết điều này. GS. Trần B và ThS. Lê C đồng ý. TS. Phạm D phản đối.";
    expect(splitSentences(text)).toEqual([
      "PGS.TS. Nguyễn Văn A cho biết điều này.",
      "GS. Trần B và ThS. Lê C đồng ý.",
      "TS. Phạm D phản đối.",
    ]);
    expect(splitSentences("Theo Th.S. Hoàng E, kết quả tốt. Ban chấp hành T.Ư. Đảng họp.")).toEqual([
      "Theo Th.S. Hoàng E, kết quả tốt.",
      "Ban chấp hành T.Ư. Đảng họp.",
    ]);
  });

  it("keeps initials of people after ông and bà", () => {
    expect(
      splitSentences("Bà V. Thị Lan khai rằng ông Nguyễn Văn H. đã nhận tiền. Cơ quan điều tra vào cuộc."),
    ).toEqual(["Bà V. Thị Lan khai rằng ông Nguyễn Văn H. đã nhận tiền.", "Cơ quan điều tra vào cuộc."]);
  });

  it("keeps numbers with dot thousands, decimals and dates", () => {
    const text =
      "Khoảng 105.000 người tham gia vào ngày 22.10 vừa qua. Tăng trưởng đạt 5,3% và lạm phát 5.3 điểm. Ngày 2/10 và 5-10 là hạn chót.";
    expect(splitSentences(text)).toEqual([
      "Khoảng 105.000 người tham gia vào ngày 22.10 vừa qua.",
      "Tăng trưởng đạt 5,3% và lạm phát 5.3 điểm.",
      "Ngày 2/10 và 5-10 là hạn chót.",
    ]);
  });

  it("splits after a number that ends a sentence", () => {
    expect(splitSentences("Số người thiệt mạng là 105.000. Con số còn tăng.")).toEqual([
      "Số người thiệt mạng là 105.000.",
      "Con số còn tăng.",
    ]);
  });

  it("keeps closing quotes with their sentence and splits after them", () => {
    const text = 'Ông nói: “Chúng tôi sẽ xem xét.” Sau đó ông rời đi. Bà hỏi "Vì sao?" Không ai trả lời.';
    expect(splitSentences(text)).toEqual([
      "Ông nói: “Chúng tôi sẽ xem xét.”",
      "Sau đó ông rời đi.",
      'Bà hỏi "Vì sao?"',
      "Không ai trả lời.",
    ]);
  });

  it("treats ellipses as ends only when a new sentence starts", () => {
    expect(splitSentences("Họ hô “Dân chủ muôn năm”… Nhà chức trách triển khai cảnh sát.")).toEqual([
      "Họ hô “Dân chủ muôn năm”…",
      "Nhà chức trách triển khai cảnh sát.",
    ]);
    expect(splitSentences("Mỹ, Pháp, Anh... và nhiều nước khác tham dự. Xong.")).toEqual([
      "Mỹ, Pháp, Anh... và nhiều nước khác tham dự.",
      "Xong.",
    ]);
  });

  it("does not split lower-case continuations or hyphenated Korean names", () => {
    expect(splitSentences("Ông Kim Jong-un và bà Kim Yo-jong dự lễ v.v. rồi về.")).toEqual([
      "Ông Kim Jong-un và bà Kim Yo-jong dự lễ v.v. rồi về.",
    ]);
  });

  it("splits at line breaks and drops empty pieces", () => {
    expect(splitSentences("Tiêu đề không có dấu chấm\n\nĐoạn một.  \n   \nĐoạn hai")).toEqual([
      "Tiêu đề không có dấu chấm",
      "Đoạn một.",
      "Đoạn hai",
    ]);
    expect(splitSentences("   ")).toEqual([]);
  });
});

describe("splitSentences (English)", () => {
  it("keeps U.S., D.C., titles and initials", () => {
    const text =
      "The U.S. President met Mr. Kim in Washington, D.C. on Monday. John F. Kennedy was mentioned. Talks ended.";
    expect(splitSentences(text, "en")).toEqual([
      "The U.S. President met Mr. Kim in Washington, D.C. on Monday.",
      "John F. Kennedy was mentioned.",
      "Talks ended.",
    ]);
  });

  it("splits at question marks and quotes", () => {
    expect(splitSentences('"Will they meet?" he asked. Nobody knew. Dr. Lee said 3.5 percent.', "en")).toEqual([
      '"Will they meet?" he asked.',
      "Nobody knew.",
      "Dr. Lee said 3.5 percent.",
    ]);
  });
});
