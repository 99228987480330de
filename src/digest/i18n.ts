import { type Lang, WEEKDAY_NAMES } from "../domain/index.js";

/** Every word the digest shows a reader, in both languages, from this one place. */
export const DIGEST_STRINGS = {
  vi: {
    brand: "Bản tin",
    alert: "Tin nóng",
    update: "cập nhật",
    sources: "Nguồn",
    empty: "Chưa có tin mới về các chủ đề bạn theo dõi trong khoảng thời gian này.",
    totals: (articles: number, outlets: number) => `${articles} bài từ ${outlets} nguồn`,
    entryArticles: (articles: number) => `${articles} bài`,
    moreOutlets: (n: number) => `+${n} nguồn khác`,
    continued: "(tiếp)",
    muted: (n: number) => `Đã ẩn ${n} tin theo /mute của bạn.`,
    weekdays: WEEKDAY_NAMES.vi,
  },
  en: {
    brand: "Briefing",
    alert: "Breaking news",
    update: "update",
    sources: "Sources",
    empty: "No new stories on your topics in this window.",
    totals: (articles: number, outlets: number) =>
      `${articles} ${articles === 1 ? "article" : "articles"} from ${outlets} ${outlets === 1 ? "outlet" : "outlets"}`,
    entryArticles: (articles: number) => `${articles} ${articles === 1 ? "article" : "articles"}`,
    moreOutlets: (n: number) => `+${n} more`,
    continued: "(continued)",
    muted: (n: number) => `${n} ${n === 1 ? "story" : "stories"} hidden by your /mute list.`,
    weekdays: WEEKDAY_NAMES.en,
  },
} as const satisfies Record<Lang, unknown>;

export type DigestStrings = (typeof DIGEST_STRINGS)[Lang];

export function digestStrings(lang: Lang): DigestStrings {
  return DIGEST_STRINGS[lang];
}
