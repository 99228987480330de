import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/ingest/extract-article.js";
import { stripBoilerplate } from "../../src/ingest/strip-boilerplate.js";
import { SEEDS_DIR } from "../support/corpora.js";

const fixture = (name: string) => readFileSync(join("test/fixtures/articles", name), "utf8");

/** Phrases that only the page around an article carries. */
const WRAPPER = [
  "Tin liên quan",
  "Bài viết cùng chủ đề",
  "Cùng chuyên mục",
  "Cùng chủ đề",
  "Đọc thêm",
  "Bài đọc nhiều",
  "Mới nhất",
  "Theo dõi Baoquocte.vn trên",
  "Phiên bản di động",
  "(Nguồn:",
  "Ảnh: CNN",
  "Theo vov.vn",
  "(theo Yonhap)",
  "Trang chủ",
  "Giá vàng hôm nay",
  "Hạnh Lê",
  "15.06.2025 | 21:52",
];

function expectNoWrapper(text: string): void {
  for (const phrase of WRAPPER) expect(text, phrase).not.toContain(phrase);
}

describe("extractArticle on Vietnamese news pages", () => {
  it("baoquocte: keeps every paragraph of the story and none of the page around it", () => {
    const article = extractArticle(
      fixture("baoquocte-my-tran-an-han-quoc.html"),
      "https://baoquocte.vn/my-tran-an.html",
    );
    expect(article?.title).toBe(
      "Mỹ trấn an Hàn Quốc trước nỗi lo bị bỏ rơi trong cuộc đàm phán tiềm năng với Triều Tiên, có thể cử quan chức cấp cao sang Seoul",
    );
    const text = article?.text ?? "";
    expect(text).toContain("Thứ trưởng Ngoại giao Mỹ phụ trách Đông Á và Thái Bình Dương Kevin Kim khẳng định");
    expect(text).toContain("đây sẽ là chuyến thăm cấp nội các Mỹ đầu tiên đến Hàn Quốc");
    expect(text.split("\n\n").length).toBeGreaterThanOrEqual(9);
    expectNoWrapper(text);
    expect(text).not.toContain("Điện Biên");
  });

  it("baoquocte with an inline related box, author line and related cards: only the story remains", () => {
    const text =
      extractArticle(fixture("baoquocte-my-nho-cay-trung-quoc.html"), "https://baoquocte.vn/a.html")?.text ?? "";
    expect(text).toMatch(/^Ngày 2\/10, Mỹ kêu gọi Trung Quốc/);
    expect(text).toContain("Phát biểu họp báo, ông Miller cho biết");
    expect(text).toContain("nhằm ứng phó với tình hình bán đảo Triều Tiên");
    expectNoWrapper(text);
    expect(text).not.toContain("Mỹ sẵn sàng đàm phán vô điều kiện");
    expect(text).not.toContain("Nga bác bỏ");
  });

  it("a short VOV story keeps its four paragraphs; caption and 'Theo vov.vn' go", () => {
    const text = extractArticle(fixture("vov-my-trieu-doi-thoai.html"), "https://vov.vn/x.html")?.text ?? "";
    expect(text.split("\n\n")).toHaveLength(4);
    expect(text).toContain("Đặc phái viên Mỹ về Triều Tiên Stephen Biegun");
    expect(text).toContain("một bước tiến rõ nhất./.");
    expectNoWrapper(text);
    expect(text).not.toContain("Lục quân Mỹ duyệt binh");
  });

  it("text is NFC in the outlet's own spelling: its old-style 'hòa bình' stays as written", () => {
    const text = extractArticle(fixture("vov-my-trieu-doi-thoai.html"), "https://vov.vn/x.html")?.text ?? "";
    expect(text).toContain("hòa bình");
    expect(text).not.toContain("hoà bình");
    expect(text).toBe(text.normalize("NFC"));
  });

  it("a page with no article gives null", () => {
    expect(extractArticle("<html><body><nav>Trang chủ</nav></body></html>", "https://x.test/")).toBeNull();
    expect(extractArticle("", "https://x.test/")).toBeNull();
  });
});

describe("stripBoilerplate on the flattened seed pages", () => {
  const seed = (name: string) => readFileSync(join(SEEDS_DIR, name), "utf8");
  const hasSeeds = (() => {
    try {
      seed("002_8beff88f680ed93e.txt");
      return true;
    } catch {
      return false;
    }
  })();

  it.runIf(hasSeeds)("seed 004: the story without the follow line, credits, related cards or the tail", () => {
    const text = stripBoilerplate(seed("004_4580ff9895275c59.txt"));
    expect(text).toContain("Người phát ngôn của Bộ Ngoại giao Mỹ Matthew Miller");
    expect(text).toContain("Trong tháng 10, dự kiến Chủ tịch Tập Cận Bình");
    expectNoWrapper(text);
    expect(text).not.toContain("Ngày 22/9, Bộ Ngoại giao Nga");
  });

  it.runIf(hasSeeds)("seeds 001 and 002: story kept, source line and everything after the tail heading gone", () => {
    const first = stripBoilerplate(seed("001_2d789759876045cf.txt"));
    expect(first).toContain("Báo Korea Joongang Daily dẫn lời ông Kim");
    expectNoWrapper(first);
    expect(first).not.toContain("Nguồn: https://");
    const second = stripBoilerplate(seed("002_8beff88f680ed93e.txt"));
    expect(second.split("\n\n")).toHaveLength(5);
    expectNoWrapper(second);
  });

  it("plain article text passes through unchanged", () => {
    const text =
      "Đoạn một của bài báo, đủ dài để là một đoạn văn thật sự về ngoại giao bán đảo Triều Tiên.\n\nĐoạn hai.";
    expect(stripBoilerplate(text)).toBe(text);
  });
});
