import { normalizeText } from "../text/index.js";

/**
 * Headings after which a Vietnamese news page has only other stories (related, most read,
 * latest, same section) or its footer: the article ends there.
 */
const TAIL_HEADINGS = [
  "bài viết cùng chủ đề",
  "cùng chủ đề",
  "cùng chuyên mục",
  "tin cùng chuyên mục",
  "đọc thêm",
  "bài đọc nhiều",
  "đọc nhiều nhất",
  "mới nhất",
  "tin mới nhất",
  "xem tin theo ngày",
  "phiên bản di động",
  "tin khác",
  "xem thêm",
];
/** A box inside the article: the heading and the headlines under it go, the article resumes after. */
const INLINE_HEADINGS = ["tin liên quan", "bài liên quan", "xem thêm:"];

const FOLLOW_US = /^theo dõi\s.{1,60}\strên(\s.{0,40})?$/iu;
const BREADCRUMB = /^trang chủ\s*\S/iu;
/** "Theo vov.vn", "Theo Reuters, KCNA", "(Nguồn: Yonhap/TTXVN)". */
const SOURCE_LINE = /^\(?\s*(theo|nguồn)\s*:?\s*[\p{L}\p{N}][\p{L}\p{N}.,/&\- ]{1,40}\)?\.?$/iu;
/** An agency credit alone on its line, as VietnamPlus closes its stories: "(TTXVN/Vietnam+)". */
const CREDIT_LINE = /^\([\p{L}\p{N}][\p{L}\p{N}.,/&+\- ]{1,40}\)\.?$/u;
const SOURCE_URL = /^nguồn\s*:\s*https?:\/\/\S+$/iu;
/** A caption's credit: "… (Nguồn: Dreamstime)", "… (Ảnh: KCNA).", "… . Ảnh: CNN", "– Ảnh: TTXVN". */
const PHOTO_CREDIT = /(\((nguồn|ảnh)\s*:[^)]{1,60}\)\.?|[.–—-]\s*ảnh\s*:\s*[^.]{1,60})\s*$/iu;
/** A credit alone on its line, below a picture: "Ảnh minh họa: Kyodo", "Ảnh: TTXVN". */
const CREDIT_ONLY = /^(ảnh|nguồn ảnh|ảnh minh họa|ảnh minh hoạ)\s*:\s*.{1,60}$/iu;
/** "- Headline 15.06.2025 | 21:52 PM": a dated list entry. */
const DATED_ENTRY = /^[-•·]?\s*.{5,200}\s\d{1,2}[./]\d{1,2}[./]\d{2,4}\s*\|\s*\d{1,2}:\d{2}/u;
/** A teaser cut short by the site: ends in "..." or "…" after a space or word. */
const TEASER = /(\.\.\.|…)$/u;
const SENTENCE_END = /[.!?…"”’»)\]:;]$/u;

/**
 * Remove what Vietnamese news sites wrap around an article: navigation, "Theo dõi … trên",
 * photo captions with credits, "Theo vov.vn" lines and agency credits, author lines, related-article boxes
 * ("Tin liên quan") and everything after the tail headings ("Cùng chuyên mục", "Đọc thêm",
 * "Bài đọc nhiều", "Mới nhất", "Phiên bản di động"…). Input may use single or blank-line
 * breaks; output is normalised paragraphs joined by "\n\n".
 */
export function stripBoilerplate(text: string): string {
  const lines = text
    .split(/\r?\n/u)
    .map(normalizeText)
    .filter((l) => l !== "");
  const kept: string[] = [];
  let inRelatedBox = false;
  let bodyStarted = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lower = line.toLowerCase().replace(/[:.]$/u, "");
    if (TAIL_HEADINGS.includes(lower)) {
      if (bodyStarted) break;
      continue;
    }
    if (INLINE_HEADINGS.includes(lower) || INLINE_HEADINGS.includes(`${lower}:`)) {
      inRelatedBox = true;
      continue;
    }
    if (inRelatedBox && !SENTENCE_END.test(line)) continue;
    inRelatedBox = false;
    if (isWrapper(line, lines[i + 1])) {
      i += relatedCardTail(lines, i);
      continue;
    }
    if (kept.includes(line)) continue;
    kept.push(line);
    if (line.length >= 80 && SENTENCE_END.test(line)) bodyStarted = true;
  }
  return kept.join("\n\n");
}

/** A related card is its headline twice (image alt, then link), then a short teaser: all three go. */
function relatedCardTail(lines: readonly string[], i: number): number {
  if (lines[i] !== lines[i + 1]) return 0;
  return (lines[i + 2]?.length ?? Number.POSITIVE_INFINITY) < 300 ? 2 : 1;
}

function isWrapper(line: string, next: string | undefined): boolean {
  return (
    line === next ||
    isDoubledHeadline(line) ||
    FOLLOW_US.test(line) ||
    BREADCRUMB.test(line) ||
    SOURCE_URL.test(line) ||
    (line.length <= 50 && SOURCE_LINE.test(line)) ||
    CREDIT_LINE.test(line) ||
    CREDIT_ONLY.test(line) ||
    PHOTO_CREDIT.test(line) ||
    DATED_ENTRY.test(line) ||
    (TEASER.test(line) && line.length < 400) ||
    isAuthorLine(line)
  );
}

/** "Headline Headline": an image alt and its link text run together. */
function isDoubledHeadline(line: string): boolean {
  const half = (line.length - 1) / 2;
  return Number.isInteger(half) && half >= 10 && line.slice(0, half) === line.slice(half + 1);
}

/** What may follow an author's name: a desk ("/VOV.VN", "/TTXVN"), then sources ("(Theo Yonhap, AFP)"). */
const AUTHOR_SUFFIX = /(\/[\p{L}\p{N}.-]{2,20})?(\s*\([^()]{1,60}\))?$/u;

/**
 * "Hạnh Lê", "Minh Anh (TTXVN)", "Như Tâm (Theo Yonhap, AFP)", "Thu Hằng/VOV.VN (Theo Yonhap)":
 * two to five capitalised words, then at most a desk and sources.
 */
function isAuthorLine(line: string): boolean {
  const name = line.replace(AUTHOR_SUFFIX, "");
  if (name.length > 40 || /[\d.!?,:;"“”]/.test(name)) return false;
  const words = name.split(" ");
  return words.length >= 2 && words.length <= 5 && words.every((w) => /^\p{Lu}\p{Ll}*$/u.test(w));
}
