import { describe, expect, it } from "vitest";
import { confusion, tuningSets } from "../../scripts/eval/relevance.eval.js";
import { createRelevanceScorer } from "../../src/analyze/relevance.js";
import { createTermMatcher } from "../../src/analyze/term-matcher.js";
import { loadTopics } from "../../src/config/topics.js";
import { heldOutDistractors } from "../fixtures/labelled/labelled-sets.js";

const scorer = createRelevanceScorer(loadTopics(), { threshold: 0.5 });
const matcher = createTermMatcher(loadTopics().entities);
const entityIds = (text: string) => matcher.match(text).map((h) => h.entity.id);
const score = (title: string, lead = "", text = "") => scorer.score({ id: "x", title, lead, text });

describe("relevance", () => {
  it("keeps a DPRK missile launch and tags nuclear-and-missiles", () => {
    const r = score("Triều Tiên phóng tên lửa đạn đạo ra biển Nhật Bản");
    expect(r.relevant).toBe(true);
    expect(r.topics).toContain("hat-nhan-ten-lua");
    expect(r.matches).toContainEqual({ term: "Triều Tiên", field: "title" });
  });

  it("matches without diacritics and bridges languages to one entity id", () => {
    expect(score("trieu tien va my noi lai dam phan").relevant).toBe(true);
    expect(entityIds("Bình Nhưỡng")).toEqual(entityIds("Pyongyang"));
  });

  it("respects syllable boundaries and folding ambiguity: Hàng and hạn are not Hàn", () => {
    expect(entityIds("Hàng hóa xuất khẩu đến hạn thanh toán")).not.toContain("rok");
    expect(entityIds("quan hệ Mỹ-Hàn")).toContain("rok");
  });

  it("drops look-alikes that share vocabulary but not the peninsula", () => {
    expect(score("Iran tuyên bố làm giàu urani, Mỹ dọa trừng phạt", "Đàm phán hạt nhân bế tắc").relevant).toBe(false);
    expect(score("Nga phóng tên lửa đạn đạo vào Kiev").relevant).toBe(false);
    expect(score("Samsung Hàn Quốc báo lãi kỷ lục nhờ chip").relevant).toBe(false);
    expect(score("BTS tổ chức concert tại Seoul").relevant).toBe(false);
  });

  it("a body-only mention does not make an Iran story about the peninsula", () => {
    const r = score(
      "IAEA cảnh báo chương trình hạt nhân của Iran",
      "Tehran tăng làm giàu urani.",
      "Giống như Triều Tiên trước đây, Iran có thể rút khỏi NPT.",
    );
    expect(r.relevant).toBe(false);
  });

  it("an honorific before a full name is that name: ông Kim Sung-han is not Kim Jong-un", () => {
    expect(entityIds("ông Kim Sung-han, cố vấn của Tổng thống đắc cử")).toEqual(["rok-leaders", "diplomacy"]);
    expect(entityIds("Ông Kim Jong Un bước qua giới tuyến")).toContain("kim-jong-un");
  });

  it("Vietnam's Korean football coach is not Kim Jong-un, whose titles still anchor", () => {
    expect(score("Ông Kim chốt danh sách đội tuyển Việt Nam trước trận gặp Malaysia").relevant).toBe(false);
    expect(
      score(
        "Ông Kim Sang-sik gọi bổ sung hậu vệ",
        "Chiến lược gia người Hàn Quốc cho biết đội tuyển Việt Nam thiếu người sau bán kết.",
      ).relevant,
    ).toBe(false);
    expect(score("HLV Kim Sang-sik hài lòng dù tuyển Việt Nam chỉ hòa", "Ông Kim khen các học trò.").relevant).toBe(
      false,
    );
    expect(score("Vietnam's Korean coach Kim Sang-sik names squad for the final").relevant).toBe(false);
    expect(score("Chủ tịch Kim Jong-un thị sát vụ phóng thử tên lửa mới").relevant).toBe(true);
    expect(score("Ông Kim Jong Un bước qua giới tuyến, bắt tay ông Moon Jae In").relevant).toBe(true);
    expect(score("Ông Trump: ông Kim muốn sớm nối lại đàm phán").relevant).toBe(true);
  });

  it("triều in a Vietnamese word is not the DPRK: dynasty, royal court, tide", () => {
    expect(score("Triều cường dâng cao, nhiều tuyến đường ngập sâu").relevant).toBe(false);
    expect(score("Triều đại nhà Nguyễn để lại nhiều di sản kiến trúc ở Huế").relevant).toBe(false);
    expect(score("Triều đình nhà Lê ban sắc phong cho làng").relevant).toBe(false);
    expect(score("Thủy triều rút, lộ con đường đá giữa biển").relevant).toBe(false);
    expect(entityIds("Triều đại nhà Trần")).not.toContain("dprk");
    expect(score("Triều Tiên phóng tên lửa đạn đạo").relevant).toBe(true);
    expect(score("Thượng đỉnh Mỹ - Triều lần hai diễn ra tại Hà Nội").relevant).toBe(true);
    expect(score("Quan chức Mỹ-Triều gặp nhau bên lề hội nghị ở Moskva").relevant).toBe(true);
  });

  it("North Koreans in a human-interest story are not peninsula news: a defector's restaurant, a film", () => {
    expect(score("North Korean defector opens a restaurant in Seoul").relevant).toBe(false);
    expect(
      score("Người đào tẩu Triều Tiên mở quán mì lạnh ở Seoul", "Món naengmyeon kiểu Bình Nhưỡng hút khách mùa hè.")
        .relevant,
    ).toBe(false);
    expect(
      score("Phim về người lính Triều Tiên ra rạp", "Bộ phim kể chuyện một binh sĩ vượt khu phi quân sự sang phía Nam.")
        .relevant,
    ).toBe(false);
    expect(score("Kim Jong-un mang mì lạnh Bình Nhưỡng tới thượng đỉnh liên Triều").relevant).toBe(true);
    expect(score("North Korean soldier defects across the DMZ under fire").relevant).toBe(true);
    expect(score("Trung Quốc hồi hương hàng trăm người đào tẩu Triều Tiên").relevant).toBe(true);
  });

  it("a trilateral named in one breath still names South Korea", () => {
    expect(score("Mỹ, Nhật, Hàn nhất trí chia sẻ dữ liệu cảnh báo tên lửa").relevant).toBe(true);
    expect(score("Mỹ - Nhật - Hàn ký thỏa thuận thương mại về chip bán dẫn").relevant).toBe(false);
  });

  // Floors a little under what `npm run eval` measures on the tuning sets (precision 1.000, recall 0.982).
  it("holds precision and recall on the labelled sets", () => {
    const c = confusion(tuningSets());
    expect(c.tp / (c.tp + c.fp)).toBeGreaterThanOrEqual(0.99);
    expect(c.tp / (c.tp + c.fn)).toBeGreaterThanOrEqual(0.97);
    const h = confusion(heldOutDistractors());
    expect(h.fp).toBeLessThanOrEqual(1);
  });
});
