import {
  type DigestWindow,
  digestWindowOf,
  type Lang,
  type Topic,
  type TopicId,
  WEEKDAY_CODES,
  type WeeklyTime,
} from "../domain/index.js";
import { foldDiacritics, foldedSyllables } from "../text/index.js";
import { closest } from "./edit-distance.js";
import type { ErrorKey } from "./i18n.js";

/** A parsed argument, or the stable key of what is wrong with it (and a near miss, if any). */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly key: ErrorKey; readonly input: string; readonly suggestion?: string | undefined };

const fail = (key: ErrorKey, input: string, suggestion?: string): Parsed<never> => ({
  ok: false,
  key,
  input,
  suggestion,
});

/** Folded key of a topic name: "Mỹ – Triều" and "my trieu" both become "my-trieu". */
export const topicKey = (s: string): string => foldedSyllables(s).join("-");

/** Looks topics up by id or by label in either language, ignoring diacritics, case and separators. */
export function createTopicIndex(topics: readonly Topic[]): (words: readonly string[]) => Parsed<TopicId[]> {
  const byKey = new Map<string, TopicId>();
  for (const t of topics) {
    for (const name of [t.id, t.label.vi, t.label.en]) byKey.set(topicKey(name), t.id);
  }
  const longest = Math.max(1, ...[...byKey.keys()].map((k) => k.split("-").length));
  /** The one topic with these words inside a name ("nuclear" → "Nuclear weapons and missiles"), if only one has them. */
  const partial = (phrase: string): TopicId | undefined => {
    const ids = new Set([...byKey].filter(([key]) => `-${key}-`.includes(`-${phrase}-`)).map(([, id]) => id));
    return ids.size === 1 ? [...ids][0] : undefined;
  };
  return (words) => {
    const tokens = words.flatMap((w) => foldedSyllables(w));
    const found: TopicId[] = [];
    let i = 0;
    // Greedy longest match, so a label typed as separate words ("Mỹ Triều") is one topic.
    while (i < tokens.length) {
      let matched = false;
      for (let n = Math.min(longest, tokens.length - i); n >= 1 && !matched; n--) {
        const id = byKey.get(tokens.slice(i, i + n).join("-")) ?? partial(tokens.slice(i, i + n).join("-"));
        if (id !== undefined) {
          if (!found.includes(id)) found.push(id);
          i += n;
          matched = true;
        }
      }
      if (!matched) {
        const rest = tokens.slice(i).join("-");
        const near =
          closest(tokens.join("-"), byKey.keys()) ??
          closest(rest, byKey.keys()) ??
          closest(tokens[i] ?? "", byKey.keys());
        return fail("unknown-topic", words.join(" "), near === undefined ? undefined : byKey.get(near));
      }
    }
    return { ok: true, value: found };
  };
}

const TIME = /^(\d{1,2})(?:[:hg.](\d{2})?)?$/;

/** "7:00", "07h30", "18" → "HH:MM" list, sorted and without repeats. */
export function parseTimes(words: readonly string[], max: number): Parsed<string[]> {
  const parts = words.flatMap((w) => w.split(",")).filter((p) => p !== "");
  if (parts.length === 0) return fail("missing-time", "");
  const times = new Set<string>();
  for (const part of parts) {
    const m = TIME.exec(foldDiacritics(part));
    const hours = Number(m?.[1]);
    const minutes = Number(m?.[2] ?? "0");
    if (m === null || hours > 23 || minutes > 59) return fail("bad-time", part);
    times.add(`${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`);
  }
  if (times.size > max) return fail("too-many-times", parts.join(","));
  return { ok: true, value: [...times].sort() };
}

/** Day words a reader types, folded: English names and abbreviations, Vietnamese "Thứ Hai"/"T2"/"CN". */
const DAY_WORDS: ReadonlyMap<string, number> = new Map(
  [
    ["sunday", "chu-nhat", "cn"],
    ["monday", "thu-hai", "thu-2", "t2"],
    ["tuesday", "thu-ba", "thu-3", "t3"],
    ["wednesday", "thu-tu", "thu-4", "t4"],
    ["thursday", "thu-nam", "thu-5", "t5"],
    ["friday", "thu-sau", "thu-6", "t6"],
    ["saturday", "thu-bay", "thu-7", "t7"],
  ].flatMap((names, weekday) => [WEEKDAY_CODES[weekday] as string, ...names].map((name) => [name, weekday] as const)),
);

/** The words that ask for the weekly briefing: "/schedule weekly …", "/schedule hàng tuần …". */
const WEEKLY_WORDS = new Set(["weekly", "week", "tuan", "hang-tuan", "moi-tuan"]);

/** How many leading words name the weekly briefing ("weekly", "hàng tuần"), or 0 when they do not. */
export function weeklyKeywordLength(words: readonly string[]): number {
  for (const n of [2, 1]) {
    if (words.length >= n && WEEKLY_WORDS.has(topicKey(words.slice(0, n).join(" ")))) return n;
  }
  return 0;
}

/** "sun 19:00", "Chủ Nhật 19h", "t7 8:30" → a weekly time; "off" → null (no weekly briefing). */
export function parseWeekly(words: readonly string[]): Parsed<WeeklyTime | null> {
  if (words.length === 1 && OFF.has(foldDiacritics(words[0] ?? ""))) return { ok: true, value: null };
  if (words.length < 2) return fail("missing-weekly", words.join(" "));
  const dayWords = words.slice(0, -1).join(" ");
  const weekday = DAY_WORDS.get(topicKey(dayWords));
  if (weekday === undefined) {
    const near = closest(topicKey(dayWords), DAY_WORDS.keys());
    return fail("bad-weekday", dayWords, near);
  }
  const time = parseTimes(words.slice(-1), 1);
  if (!time.ok) return time;
  return { ok: true, value: { weekday, time: time.value[0] as string } };
}

const ON = new Set(["on", "bat", "yes", "co", "1", "true"]);
const OFF = new Set(["off", "tat", "no", "khong", "0", "false"]);

export function parseOnOff(words: readonly string[]): Parsed<boolean> {
  const word = foldDiacritics(words.join(" ")).trim();
  if (ON.has(word)) return { ok: true, value: true };
  if (OFF.has(word)) return { ok: true, value: false };
  return fail("bad-on-off", words.join(" "), closest(word, [...ON, ...OFF]));
}

const LANG_WORDS: Record<string, Lang> = {
  vi: "vi",
  viet: "vi",
  "tieng-viet": "vi",
  vietnamese: "vi",
  en: "en",
  english: "en",
  anh: "en",
  "tieng-anh": "en",
};

export function parseLang(words: readonly string[]): Parsed<Lang> {
  const key = topicKey(words.join(" "));
  const lang = LANG_WORDS[key];
  if (lang !== undefined) return { ok: true, value: lang };
  const near = closest(key, Object.keys(LANG_WORDS));
  return fail("bad-lang", words.join(" "), near === undefined ? undefined : LANG_WORDS[near]);
}

export type { DigestWindow } from "../domain/index.js";

/** A word that looks like a time window ("24h", "3d") and whether it is one we offer. */
export function parseWindow(word: string): Parsed<DigestWindow> | undefined {
  const folded = foldDiacritics(word);
  if (!/^\d+[hdw]$/.test(folded)) return undefined;
  const window = digestWindowOf(folded);
  return window === undefined ? fail("bad-window", word) : { ok: true, value: window };
}

const ZONES: readonly string[] = [...Intl.supportedValuesOf("timeZone"), "UTC"];

/** An IANA zone in its canonical spelling, accepting any case and "ho chi minh"-style spaces. */
export function parseTimezone(words: readonly string[]): Parsed<string> {
  const input = words.join("_");
  const key = foldDiacritics(input);
  const exact = ZONES.find((z) => z.toLowerCase() === key);
  if (exact !== undefined) return { ok: true, value: exact };
  const byCity = ZONES.filter((z) => z.toLowerCase().split("/").at(-1) === key);
  if (byCity.length === 1 && byCity[0] !== undefined) return { ok: true, value: byCity[0] };
  const suggestion =
    closest(
      key,
      ZONES.map((z) => z.toLowerCase()),
    ) ??
    closest(
      key,
      ZONES.map((z) => z.toLowerCase().split("/").at(-1) ?? z),
    );
  const canonical = ZONES.find((z) => z.toLowerCase() === suggestion || z.toLowerCase().endsWith(`/${suggestion}`));
  return fail("bad-timezone", words.join(" "), canonical);
}
