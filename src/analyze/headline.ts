import { bigrams, normalizeText, syllables } from "../text/index.js";
import type { SummaryDoc } from "./summarizer.js";

/** Outlet tags that open a title or a lead: "TTO -", "VOV.VN -", "(Dân trí) -", "[VNA] -". */
const OUTLET_PREFIX =
  /^\s*(?:\(([^)]{1,30})\)|\[([^\]]{1,30})\]|(?:TTO|VOV\.VN|VOV|TP|TPO|PNO|SGGP|SGGPO|HNM|KTĐT|GDTĐ|ĐSPL|NLĐ|NLĐO|PLO|ANTĐ|ANTD|VTV\.vn|VTV|VTC News|VTC|QĐND|GDVN|Dân trí|VnExpress|VNE|Zing|Infonet|VietNamNet|CAND|TTXVN|VNA|Kiến Thức|Reuters|AFP|AP)\s*)\s*[-–—:]\s+/u;

/** Site names that outlets append to titles: "… - VnExpress", "… | Báo Quốc tế". */
const SITE_SUFFIX =
  /\s+[-–—|•·:]\s+(?:Báo\s+[^|\-–—]{2,40}|[^|\-–—\s]*(?:\.vn|\.com|\.net|\.org)|VnExpress|Tuổi Trẻ|Thanh Niên|Dân trí|Zing News|VietNamNet|VTV|VOV|Vietnam\+|VietnamPlus|Người Lao Động|Tiền Phong|Lao Động|Reuters|BBC News(?: Tiếng Việt)?|The Guardian|CNN|AP News|Yonhap(?: News Agency)?|NK News|KCNA Watch)\s*$/iu;

/** A title or lead without outlet tags, site suffixes or stray whitespace. */
export function cleanTitle(title: string): string {
  let t = normalizeText(title);
  for (let i = 0; i < 2; i++) {
    const before = t;
    t = t.replace(OUTLET_PREFIX, "").replace(SITE_SUFFIX, "").trim();
    if (t === before) break;
  }
  return t;
}

function terms(text: string): Set<string> {
  const tokens = syllables(text);
  return new Set([...tokens, ...bigrams(tokens)]);
}

/**
 * The most representative title of an event: the cleaned title that shares the most syllables
 * and syllable pairs with the other titles and the articles' leads. Ties go to the earlier
 * article, then the shorter title, so the choice is deterministic.
 */
export function chooseHeadline(docs: readonly SummaryDoc[]): string {
  const candidates = docs
    .map((doc, index) => ({ doc, index, title: cleanTitle(doc.title) }))
    .filter((c) => c.title.length > 0);
  if (candidates.length === 0) return "";
  if (candidates.length === 1) return candidates[0]!.title;
  const titleTerms = candidates.map((c) => terms(c.title));
  const leadTerms = docs.map((d) => terms(d.text.slice(0, 400)));
  const scored = candidates.map((c, i) => {
    const own = titleTerms[i]!;
    let shared = 0;
    for (const term of own) {
      for (let j = 0; j < titleTerms.length; j++) if (j !== i && titleTerms[j]!.has(term)) shared += 1;
      for (const lead of leadTerms) if (lead.has(term)) shared += 0.5;
    }
    // Normalise by sqrt(size) so a long title is not preferred only for being long.
    return { ...c, score: shared / Math.sqrt(Math.max(own.size, 1)) };
  });
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (a.doc.publishedAt ?? Number.MAX_SAFE_INTEGER) - (b.doc.publishedAt ?? Number.MAX_SAFE_INTEGER) ||
      a.title.length - b.title.length ||
      a.index - b.index,
  );
  return scored[0]!.title;
}
