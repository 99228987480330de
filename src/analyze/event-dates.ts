/**
 * Dates and figures a report names, in one form whatever the language or style: "4/10", "4-10",
 * "ngày 4.10", "ngày 4 tháng 10", "October 4" and "4 Oct" are all `d:4-10`; "105.000" and "105,000" are `#:105000`.
 * Two reports of one event share them even when they share few words.
 */

import { ENGLISH_MONTHS } from "../text/index.js";

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH_NAME = Object.keys(MONTHS).join("|");

const NUMERIC_DATE = /(?<![\d/.,-])(\d{1,2})\s?[/-]\s?(\d{1,2})(?:[/-](\d{4}))?(?![\d/-])/g;
const VI_DATE = /ng[aà]y\s+(\d{1,2})\s+th[aá]ng\s+(\d{1,2})/giu;
/** Thanh Niên's "ngày 8.3", "sáng 27.5": a dotted date only after a time word ("6.3 độ" is a magnitude). */
const VI_DOTTED =
  /(?<!\p{L})(?:ng[aà]y|h[oô]m|s[aá]ng|tr[uư]a|chi[eề]u|t[oố]i|đ[eê]m)\s+(\d{1,2})\.(\d{1,2})(?![\d.,]\d)/giu;
const EN_MONTH_DAY = new RegExp(`\\b(${MONTH_NAME})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?!\\s*[:.,]?\\d)`, "gi");
const EN_DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_NAME})\\b`, "gi");
const NUMBER = /(?<![\p{L}\d/.,-])\d+(?:[.,]\d+)*(?![\p{L}\d/-])/gu;

function date(day: number, month: number): string | undefined {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 ? `d:${day}-${month}` : undefined;
}

/** Day-month dates named in a text, as `d:D-M` terms (years alone are in {@link figures}). */
export function datesIn(text: string): string[] {
  const out: string[] = [];
  const push = (d: string | undefined) => {
    if (d !== undefined) out.push(d);
  };
  for (const m of text.matchAll(NUMERIC_DATE)) push(date(Number(m[1]), Number(m[2])));
  for (const re of [VI_DATE, VI_DOTTED]) for (const m of text.matchAll(re)) push(date(Number(m[1]), Number(m[2])));
  for (const m of text.matchAll(EN_MONTH_DAY)) push(date(Number(m[2]), MONTHS[m[1]!.toLowerCase()]!));
  for (const m of text.matchAll(EN_DAY_MONTH)) push(date(Number(m[1]), MONTHS[m[2]!.toLowerCase()]!));
  return out;
}

/**
 * The text with every date datesIn reads moved `days` on, in its own style ("21/5" stays
 * numeric, "May 21" becomes a month name and day), the year `year` settling month lengths.
 * References (see referenceDatesIn: a document's date, a date with its year) stay as written.
 * For re-dating a labelled set as if its events happened on another day.
 */
export function shiftDates(text: string, days: number, year: number): string {
  const refs = referenceDatesIn(text);
  const moved = (day: number, month: number): [number, number] | undefined => {
    const d = date(day, month);
    if (d === undefined || refs.has(d)) return undefined;
    const t = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS);
    return [t.getUTCDate(), t.getUTCMonth() + 1];
  };
  type Edit = { start: number; end: number; text: string };
  const edits: Edit[] = [];
  const edit = (m: RegExpMatchArray, dayAt: number, monthAt: number, render: (d: number, mo: number) => string) => {
    const day = Number(m[dayAt]);
    const month = monthAt > 0 ? Number(m[monthAt]) : MONTHS[m[-monthAt]!.toLowerCase()]!;
    const to = moved(day, month);
    if (to !== undefined) edits.push({ start: m.index!, end: m.index! + m[0].length, text: render(...to) });
  };
  for (const m of text.matchAll(NUMERIC_DATE)) {
    if (m[3] !== undefined) continue;
    const sep = /\s?[/-]\s?/.exec(m[0])![0];
    edit(m, 1, 2, (d, mo) => `${d}${sep}${mo}`);
  }
  for (const m of text.matchAll(VI_DATE)) edit(m, 1, 2, (d, mo) => m[0].replace(/\d+(\D+)\d+$/, `${d}$1${mo}`));
  for (const m of text.matchAll(VI_DOTTED)) edit(m, 1, 2, (d, mo) => m[0].replace(/\d+\.\d+$/, `${d}.${mo}`));
  for (const m of text.matchAll(EN_MONTH_DAY)) edit(m, 2, -1, (d, mo) => `${ENGLISH_MONTHS[mo - 1]} ${d}`);
  for (const m of text.matchAll(EN_DAY_MONTH)) edit(m, 1, -2, (d, mo) => `${d} ${ENGLISH_MONTHS[mo - 1]}`);
  edits.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const e of edits) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

const YEAR = String.raw`(?:19|20)\d\d`;
/** A date that gives its year: today's news says "June 12" or "12-6", a reference says "27/4/2018". */
const DATED_IN_YEAR = [
  new RegExp(String.raw`(?<![\d/.,-])(\d{1,2})\s?[/-]\s?(\d{1,2})[/-]${YEAR}(?!\d)`, "g"),
  new RegExp(String.raw`ng[aà]y\s+(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aă]m\s+${YEAR}`, "giu"),
];
const MONTH_FIRST_IN_YEAR = new RegExp(
  String.raw`\b(${MONTH_NAME})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+${YEAR}\b`,
  "gi",
);
const DAY_FIRST_IN_YEAR = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTH_NAME}),?\s+${YEAR}\b`, "gi");
/** A date naming a document: the "Sept. 19 military pact", "thỏa thuận quân sự 19/9", "Tuyên bố chung 12/6". */
const EN_NAMED = new RegExp(
  String.raw`\b(${MONTH_NAME})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s+(?:[\p{L}-]+\s+){0,2}(?:pact|agreement|accord|declaration|deal|statement|resolution)s?\b`,
  "giu",
);
const VI_NAMED =
  /(?:(?:[Tt]h[oỏ][aả]\s+thu[aậ]n|[Hh]i[eệ]p\s+(?:đ[iị]nh|[uư][oớ]c)|[Nn]gh[iị]\s+quy[eế]t)|Tuy[eê]n\s+b[oố])(?:\s+[\p{L}-]+){0,3}?\s+(?:ng[aà]y\s+)?(\d{1,2})\s?[/-]\s?(\d{1,2})(?![\d])/gu;

/** A date a clause gives as background: when someone took office, since when something holds. */
const EN_SINCE = new RegExp(
  String.raw`\b(?:took office|sworn in|inaugurated|since)\s+(?:on\s+)?(${MONTH_NAME})\.?\s+(\d{1,2})(?!\d)`,
  "gi",
);
const VI_SINCE =
  /(?:nh[aậ]m\s+ch[uứ]c|tuy[eê]n\s+th[eệ]|k[eể]\s+t[uừ]|t[uừ]\s+ng[aà]y)\s+(?:ng[aà]y\s+|h[oô]m\s+)?(\d{1,2})\s?[./-]\s?(\d{1,2})(?![\d])/giu;

/** The date of what the news came after: "less than a week after the test on Jan. 5", "sau vụ thử hôm 5/1". */
const EN_AFTER = new RegExp(
  String.raw`\b(?:after|following)\s+(?:[\p{L}'-]+\s+){0,5}?(?:on\s+)?(${MONTH_NAME})\.?\s+(\d{1,2})(?!\d)`,
  "giu",
);
const VI_AFTER =
  /\bsau\s+(?:v[uụ]|khi|cu[oộ]c)\s+(?:[\p{L}-]+\s+){0,4}?(?:h[oô]m|ng[aà]y)\s+(\d{1,2})\s?[./-]\s?(\d{1,2})(?![\d])/giu;

/**
 * Dates a text names as references rather than as the day of what it reports: a date with its
 * year, a document's date ("the Sept. 19 military pact"), or a clause's background ("who took
 * office on June 4", "nhậm chức ngày 4.6"). Two reports of one event may cite
 * different past agreements; what they cite does not date the event.
 */
export function referenceDatesIn(text: string): Set<string> {
  const out = new Set<string>();
  const push = (d: string | undefined) => {
    if (d !== undefined) out.add(d);
  };
  for (const re of [...DATED_IN_YEAR, VI_NAMED, VI_SINCE, VI_AFTER])
    for (const m of text.matchAll(re)) push(date(Number(m[1]), Number(m[2])));
  for (const re of [MONTH_FIRST_IN_YEAR, EN_NAMED, EN_SINCE, EN_AFTER])
    for (const m of text.matchAll(re)) push(date(Number(m[2]), MONTHS[m[1]!.toLowerCase()]!));
  for (const m of text.matchAll(DAY_FIRST_IN_YEAR)) push(date(Number(m[1]), MONTHS[m[2]!.toLowerCase()]!));
  return out;
}

/**
 * Figures: years as `y:2019`, other numbers of two digits or more as `#:N` (thousands separators
 * dropped). One-digit numbers ("2 missiles", "3 parties") are too common to tell events apart.
 */
export function figuresIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const raw = m[0];
    // "105.000" and "105,000" are thousands; "1,5" or "2.5" keep their decimal part.
    const n = /^\d{1,3}([.,]\d{3})+$/.test(raw) ? raw.replace(/[.,]/g, "") : raw.replace(",", ".");
    if (/^(19|20)\d\d$/.test(n)) out.push(`y:${n}`);
    else if (n.replace(/\..*$/, "").length >= 2) out.push(`#:${n}`);
  }
  return out;
}

const WEEKDAYS: Readonly<Record<string, number>> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};
const EN_WEEKDAY = /\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi;
/**
 * A Vietnamese weekday needs a time word before it and its capital (or digit): "thứ hai" alone
 * is also "second" ("lần thứ hai", "ngày thứ hai của chuyến thăm").
 */
const VI_WEEKDAY =
  /(?:h[oô]m|s[aá]ng|tr[uư]a|chi[eề]u|t[oố]i|đ[eê]m|v[aà]o)\s+(?:th[uứ]\s+(Hai|Ba|T[uư]|N[aă]m|S[aá]u|B[aả]y|[2-7])|(Ch[uủ]\s+[Nn]h[aậ]t))(?!\p{L})/gu;
const VI_WEEKDAY_NUMBER: Readonly<Record<string, number>> = { hai: 1, ba: 2, tu: 3, nam: 4, sau: 5, bay: 6 };
/** Words that put the weekday ahead of the report: "will meet on Friday", "sẽ gặp vào thứ Sáu". */
const FUTURE =
  /\b(will|to be held|is to|are to|set to|plans? to|scheduled|expected to|due to|next)\b|(?:^|\s)(?:s[eẽ]|d[uự] ki[eế]n)(?=\s)/iu;
/** How many words before a weekday may make it one ahead. */
const FUTURE_WORDS = 8;
/** The region's clock (Seoul, Tokyo; Hanoi is two hours behind): "on Monday" is a day there. */
const REGION_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

function weekdayOf(match: RegExpMatchArray): number | undefined {
  if (match[2] !== undefined) return 0;
  const word = match[1]!.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  return /^\d$/.test(word) ? Number(word) - 1 : VI_WEEKDAY_NUMBER[word];
}

/**
 * The days a sentence dates by weekday ("on Monday", "hôm thứ Hai"), as `d:D-M` terms, read
 * from when the report was published: the latest such weekday at or before it, or the first at
 * or after it when the sentence tells what will be. Agencies date by weekday where Vietnamese
 * outlets write "ngày 5-3": the weekday tells two reports of one week apart.
 */
export function weekdayDatesIn(sentence: string, publishedAt: number): Set<string> {
  const out = new Set<string>();
  const days: { readonly day: number; readonly at: number }[] = [];
  for (const m of sentence.matchAll(EN_WEEKDAY)) days.push({ day: WEEKDAYS[m[1]!.toLowerCase()]!, at: m.index });
  for (const m of sentence.matchAll(VI_WEEKDAY)) {
    const day = weekdayOf(m);
    if (day !== undefined) days.push({ day, at: m.index });
  }
  const local = publishedAt + REGION_OFFSET_MS;
  const today = new Date(local).getUTCDay();
  for (const { day, at } of days) {
    // Only the words just before the weekday say whether it is ahead: "vetoed on Thursday …, meaning the panel will be disbanded".
    const before = sentence.slice(0, at).split(/\s+/).slice(-FUTURE_WORDS).join(" ");
    const shift = FUTURE.test(before) ? (day - today + 7) % 7 : -((today - day + 7) % 7);
    const date = new Date(local + shift * DAY_MS);
    out.add(`d:${date.getUTCDate()}-${date.getUTCMonth() + 1}`);
  }
  return out;
}
