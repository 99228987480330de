import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { extractArticle } from "../../src/ingest/extract-article.js";

const DIR = "test/fixtures/articles";

/**
 * What a saved outlet page must give, beside it as `<page>.expect.json`. `mustKeep[0]` is the
 * sapo's first words, outlet prefix included ("(Dân trí) - …"): the text opens with them.
 */
const PageExpectation = z.object({
  outlet: z.string(),
  url: z.url(),
  protects: z.string(),
  mustKeep: z.array(z.string()).min(2),
  mustDrop: z.array(z.string()).min(1),
});

/**
 * Marks stripped, case kept. What a reader sees keeps the outlet's tone-mark style ("hòa" or
 * "hoà"), and whether extraction also unifies it is not what these pages test.
 */
const markless = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "");

function extract(page: string, url: string): { title: string; text: string } {
  const article = extractArticle(readFileSync(join(DIR, page), "utf8"), url);
  if (article === null) throw new Error(`${page}: no article extracted`);
  return article;
}

const pages = readdirSync(DIR)
  .filter((name) => name.endsWith(".expect.json"))
  .sort()
  .map((name) => ({
    page: name.replace(/\.expect\.json$/u, ".html"),
    expected: PageExpectation.parse(JSON.parse(readFileSync(join(DIR, name), "utf8"))),
  }));

describe("extractArticle on saved pages of each outlet", () => {
  it("has a saved page for every Vietnamese outlet Bantin reads, and for Dân trí", () => {
    const outlets = new Set(pages.map((p) => p.expected.outlet));
    for (const outlet of ["VnExpress", "Tuổi Trẻ", "Thanh Niên", "Dân trí", "VietnamPlus", "Báo Quốc tế", "VOV"]) {
      expect(outlets, outlet).toContain(outlet);
    }
  });

  for (const { page, expected } of pages) {
    it(`${expected.outlet} (${page}): ${expected.protects}`, () => {
      const text = markless(extract(page, expected.url).text);
      expect(text.startsWith(markless(expected.mustKeep[0]!)), `opens with "${expected.mustKeep[0]}"`).toBe(true);
      for (const phrase of expected.mustKeep) expect(text, `keeps "${phrase}"`).toContain(markless(phrase));
      for (const phrase of expected.mustDrop) expect(text, `drops "${phrase}"`).not.toContain(markless(phrase));
    });
  }

  it("Dân trí: the '(Dân trí) - ' sapo is the first paragraph, whole and once, and its photo caption is gone", () => {
    const sapo =
      "(Dân trí) - Nhà lãnh đạo Triều Tiên Kim Jong-un đã tham dự lễ ký thỏa thuận xây dựng cây cầu đường bộ đầu tiên nối hai nước qua sông Tumen, trong bối cảnh quan hệ Bình Nhưỡng - Moscow ngày càng khăng khít.";
    const { text } = extract(
      "dantri-kim-jong-un-ky-thoa-thuan-cau-duong-bo.html",
      "https://dantri.com.vn/the-gioi/ong-kim-jong-un-du-le-ky-thoa-thuan-xay-cau-duong-bo-voi-nga-20250620063000000.htm",
    );
    const paragraphs = markless(text).split("\n\n");
    expect(paragraphs[0]).toBe(markless(sapo));
    expect(paragraphs.filter((p) => p === markless(sapo))).toHaveLength(1);
    expect(paragraphs[1]).toMatch(/^Theo hang thong tan trung uong Trieu Tien KCNA/u);
    expect(markless(text)).not.toContain(markless("Ông Kim Jong-un tại lễ ký (Ảnh: KCNA)."));
  });

  it("a sapo Readability already kept is not repeated: VnExpress's p.description appears once, first", () => {
    const { text } = extract(
      "vnexpress-han-quoc-de-nghi-khoi-phuc-duong-day-nong.html",
      "https://vnexpress.net/han-quoc-de-nghi-trieu-tien-khoi-phuc-duong-day-nong-lien-trieu-4926001.html",
    );
    const sapo = markless("Tổng thống Hàn Quốc Lee Jae-myung đề nghị Triều Tiên khôi phục đường dây liên lạc");
    const paragraphs = markless(text).split("\n\n");
    expect(paragraphs[0]?.startsWith(sapo)).toBe(true);
    expect(paragraphs.filter((p) => p.startsWith(sapo))).toHaveLength(1);
  });

  it("Thanh Niên: a headline with ' - ' in it ('Hàn - Mỹ - Nhật') is the whole headline, not cut at a dash", () => {
    const { title } = extract(
      "thanhnien-han-my-nhat-hop-ba-ben.html",
      "https://thanhnien.vn/ngoai-truong-han-my-nhat-hop-ban-ve-trieu-tien-185250712091500.htm",
    );
    expect(markless(title)).toBe(markless("Ngoại trưởng Hàn - Mỹ - Nhật họp bàn về Triều Tiên, để ngỏ cửa đối thoại"));
  });
});
