import { describe, expect, it } from "vitest";
import {
  cleanSentence,
  createExtractiveSummarizer,
  summarizeExtractive,
} from "../../src/analyze/extractive-summarizer.js";
import { chooseHeadline, cleanTitle } from "../../src/analyze/headline.js";
import type { SummaryDoc } from "../../src/analyze/summarizer.js";

const stockholm: SummaryDoc[] = [
  {
    id: "a",
    title: "Mỹ và Triều Tiên nối lại đàm phán cấp chuyên viên tại Stockholm - VnExpress",
    text:
      "TTO - Ngày 5-10, Mỹ và Triều Tiên đã nối lại đàm phán cấp chuyên viên tại Stockholm, Thụy Điển, sau nhiều tháng bế tắc. " +
      "Đoàn Triều Tiên do ông Kim Myong-gil dẫn đầu. Phái đoàn Mỹ do ông Stephen Biegun dẫn đầu - Ảnh: REUTERS Hai bên gặp nhau tại một khu nghỉ dưỡng ngoại ô. " +
      "Tin liên quan Giá vàng hôm nay tăng mạnh. Theo vov.vn",
    publishedAt: Date.UTC(2019, 9, 5, 8),
  },
  {
    id: "b",
    title: "Đàm phán Mỹ - Triều tại Stockholm kết thúc không có kết quả | Báo Quốc tế",
    text:
      "VOV.VN - Cuộc đàm phán cấp chuyên viên giữa Mỹ và Triều Tiên tại Stockholm ngày 5/10 đã kết thúc mà không đạt được kết quả. " +
      "Ông Kim Myong-gil cho biết phía Mỹ không đưa ra đề xuất mới (Ảnh: AFP). " +
      "Bộ Ngoại giao Mỹ khẳng định cuộc đàm phán cấp chuyên viên với Triều Tiên tại Stockholm là tốt đẹp.",
    publishedAt: Date.UTC(2019, 9, 5, 18),
  },
  {
    id: "c",
    title: "TTO - Triều Tiên nói đàm phán với Mỹ tại Stockholm đổ vỡ",
    text:
      "Triều Tiên tuyên bố đàm phán cấp chuyên viên với Mỹ tại Stockholm đã đổ vỡ vì Mỹ không từ bỏ lập trường cũ. " +
      "Ông Kim Myong-gil đọc tuyên bố trước đại sứ quán Triều Tiên ở Stockholm.",
    publishedAt: Date.UTC(2019, 9, 6, 1),
  },
];

describe("summarizeExtractive", () => {
  it("gives one or two whole sentences within the length, citing the articles used", () => {
    const summary = summarizeExtractive({ docs: stockholm, lang: "vi", maxChars: 300 });
    expect(summary.method).toBe("extractive");
    expect(summary.text.length).toBeGreaterThan(40);
    expect(summary.text.length).toBeLessThanOrEqual(300);
    expect(summary.text).toMatch(/Stockholm/);
    expect(summary.citedIds.length).toBeGreaterThan(0);
    for (const id of summary.citedIds) expect(["a", "b", "c"]).toContain(id);
  });

  it("never shows outlet tags, photo credits, related-article lists or source lines", () => {
    for (const maxChars of [120, 200, 300, 600]) {
      const { text } = summarizeExtractive({ docs: stockholm, lang: "vi", maxChars });
      expect(text).not.toMatch(/TTO -|VOV\.VN -|Ảnh:|REUTERS|AFP|Tin liên quan|Giá vàng|Theo vov\.vn/);
      expect(text.length).toBeLessThanOrEqual(maxChars);
    }
  });

  it("is deterministic and does not depend on the order articles arrive in", () => {
    const one = summarizeExtractive({ docs: stockholm, lang: "vi", maxChars: 300 });
    expect(summarizeExtractive({ docs: stockholm, lang: "vi", maxChars: 300 })).toEqual(one);
    const reversed = summarizeExtractive({ docs: [...stockholm].reverse(), lang: "vi", maxChars: 300 });
    expect(reversed.text).toBe(one.text);
  });

  it("summarises a single article from its lead", () => {
    const { text, citedIds } = summarizeExtractive({ docs: [stockholm[1]!], lang: "vi", maxChars: 300 });
    expect(text.startsWith("Cuộc đàm phán cấp chuyên viên")).toBe(true);
    expect(citedIds).toEqual(["b"]);
  });

  it("shortens a sentence longer than the limit at a word boundary, with an ellipsis", () => {
    const long = `${"Hội nghị thượng đỉnh bàn về phi hạt nhân hóa bán đảo Triều Tiên và các biện pháp trừng phạt ".repeat(8)}.`;
    const { text } = summarizeExtractive({ docs: [{ id: "x", title: "T", text: long }], lang: "vi", maxChars: 150 });
    expect(text.length).toBeLessThanOrEqual(150);
    expect(text.endsWith("…")).toBe(true);
  });

  it("falls back to the headline when an item has no prose, and to empty when it has nothing", () => {
    const bare = summarizeExtractive({
      docs: [{ id: "t", title: "Triều Tiên phóng tên lửa - Tuổi Trẻ", text: "" }],
      lang: "vi",
      maxChars: 300,
    });
    expect(bare.text).toBe("Triều Tiên phóng tên lửa");
    expect(summarizeExtractive({ docs: [], lang: "vi", maxChars: 300 }).text).toBe("");
  });

  it("works for English articles", () => {
    const docs: SummaryDoc[] = [
      {
        id: "e1",
        title: "North Korea fires missile - Reuters",
        text: "North Korea fired a ballistic missile into the sea on Monday, South Korea's military said. The launch came days after talks stalled. Photo: AFP Read more about Asia.",
      },
      {
        id: "e2",
        title: "Pyongyang launches ballistic missile",
        text: "North Korea launched a ballistic missile on Monday, the South Korean military said, its first test in weeks.",
      },
    ];
    const { text } = summarizeExtractive({ docs, lang: "en", maxChars: 300 });
    expect(text).toMatch(/ballistic missile/);
    expect(text).not.toMatch(/Read more|Photo/);
  });

  it("never says one thing twice: two outlets' sentences with the same content are not both chosen", () => {
    // The bundled samples' Security Council event, as two outlets tell it.
    const docs: SummaryDoc[] = [
      {
        id: "a",
        title: "Hội đồng Bảo an Liên hợp quốc họp khẩn về vụ phóng tên lửa của Triều Tiên",
        // The feed's lead, then the page's text, which opens with the same lead.
        text: "Theo đề nghị của Mỹ, Nhật Bản và Hàn Quốc, Hội đồng Bảo an Liên hợp quốc đã tổ chức phiên họp khẩn để thảo luận về vụ phóng tên lửa đạn đạo mới nhất của Triều Tiên.\n\nTheo đề nghị của Mỹ, Nhật Bản và Hàn Quốc, Hội đồng Bảo an Liên hợp quốc đã tổ chức phiên họp khẩn để thảo luận về vụ phóng tên lửa đạn đạo mới nhất của Triều Tiên.\n\nTại phiên họp, đại diện Mỹ kêu gọi các thành viên Hội đồng Bảo an thực thi đầy đủ các nghị quyết trừng phạt hiện hành đối với Triều Tiên.\n\nTrong khi đó, đại diện Trung Quốc và Nga cho rằng các bên cần kiềm chế, tránh những hành động làm gia tăng căng thẳng, và ủng hộ nối lại đối thoại.",
      },
      {
        id: "b",
        title: "Liên hợp quốc: Mỹ đề nghị họp Hội đồng Bảo an về Triều Tiên",
        text: "Phái đoàn Mỹ tại Liên hợp quốc đã đề nghị Hội đồng Bảo an nhóm họp để thảo luận về vụ phóng tên lửa đạn đạo mới nhất của Triều Tiên.",
      },
    ];
    const { text } = summarizeExtractive({ docs, lang: "vi", maxChars: 300 });
    const told = ["đề nghị Hội đồng Bảo an nhóm họp", "tổ chức phiên họp khẩn để thảo luận"].filter((s) =>
      text.includes(s),
    );
    expect(told).toHaveLength(1);
  });

  it("is available behind the Summarizer interface", async () => {
    const summary = await createExtractiveSummarizer().summarize({ docs: stockholm, lang: "vi", maxChars: 300 });
    expect(summary).toEqual(summarizeExtractive({ docs: stockholm, lang: "vi", maxChars: 300 }));
  });
});

describe("cleanSentence", () => {
  it("drops captions with inline credits but keeps the sentence after them", () => {
    expect(
      cleanSentence(
        "Người ủng hộ đi biểu tình sáng nay - Ảnh: AFP Theo Hãng tin AFP, cuộc biểu tình sẽ kéo dài ba ngày.",
      ),
    ).toBe("Theo Hãng tin AFP, cuộc biểu tình sẽ kéo dài ba ngày.");
    expect(cleanSentence("Biểu tình tại Campuchia (Ảnh: Đỗ Tuấn Anh) diễn ra ôn hòa trong ngày đầu tiên.")).toBe(
      "Biểu tình tại Campuchia diễn ra ôn hòa trong ngày đầu tiên.",
    );
  });

  it("rejects navigation, bylines and source lines", () => {
    expect(cleanSentence("Trang chủ News Thế giới Châu Á Thái Bình Dương")).toBeUndefined();
    expect(cleanSentence("NGUYỆT PHƯƠNG")).toBeUndefined();
    expect(cleanSentence("Theo vov.vn")).toBeUndefined();
    expect(cleanSentence("Theo dõi Báo Quốc tế trên Google News để cập nhật tin tức.")).toBeUndefined();
  });
});

describe("chooseHeadline", () => {
  it("picks the most representative title and cleans outlet tags and site names", () => {
    expect(cleanTitle("Mỹ và Triều Tiên nối lại đàm phán - VnExpress")).toBe("Mỹ và Triều Tiên nối lại đàm phán");
    expect(cleanTitle("Hội nghị Moskva | Báo Quốc tế")).toBe("Hội nghị Moskva");
    expect(cleanTitle("VOV.VN - Triều Tiên thử tên lửa")).toBe("Triều Tiên thử tên lửa");
    const headline = chooseHeadline(stockholm);
    expect(headline).not.toMatch(/VnExpress|Báo Quốc tế|TTO/);
    expect(headline).toMatch(/Stockholm/);
  });

  it("is stable under reordering and handles one or no titles", () => {
    expect(chooseHeadline([...stockholm].reverse())).toBe(chooseHeadline(stockholm));
    expect(chooseHeadline([stockholm[0]!])).toBe("Mỹ và Triều Tiên nối lại đàm phán cấp chuyên viên tại Stockholm");
    expect(chooseHeadline([])).toBe("");
  });
});

describe("cleanSentence keeps ordinary words that look like furniture", () => {
  it("keeps 'mới nhất' and 'bình luận' inside a news sentence", () => {
    const s = "Đây là vụ phóng tên lửa mới nhất của Triều Tiên, theo bình luận của giới chuyên gia quân sự.";
    expect(cleanSentence(s)).toBe(s);
    expect(cleanSentence("Mới nhất Giá vàng hôm nay tăng mạnh lên mức kỷ lục mới")).toBeUndefined();
  });
});
