import type { ChatFilter, Concept } from "../domain/index.js";
import { foldedSyllables } from "../text/index.js";

/** Folded syllables joined by spaces: "Kim Jong-un", "kim jong un" and "KIM JONG UN" are one key. */
export function filterKey(phrase: string): string {
  return foldedSyllables(phrase).join(" ");
}

/** What a chat's watches and mutes say about one event's text. */
export interface FilterVerdict {
  /** The watched phrase the text names (the first, as the user typed it), if any. */
  readonly watched?: string | undefined;
  /** The text names a muted phrase: the event never reaches the chat. A mute wins over a watch. */
  readonly muted: boolean;
}

export interface FilterMatcher {
  /** False when the chat has neither watches nor mutes: callers skip matching altogether. */
  readonly active: boolean;
  judge(text: string): FilterVerdict;
}

interface Compiled {
  readonly phrase: string;
  /** Every spelling that counts, as syllable lists: the phrase, and a lexicon concept's names. */
  readonly spellings: readonly (readonly string[])[];
}

/** Each folded spelling of a lexicon concept → every folded spelling of it, built once per lexicon. */
const spellingIndexes = new WeakMap<readonly Concept[], ReadonlyMap<string, readonly string[]>>();

function spellingIndex(concepts: readonly Concept[]): ReadonlyMap<string, readonly string[]> {
  let index = spellingIndexes.get(concepts);
  if (index !== undefined) return index;
  const built = new Map<string, string[]>();
  for (const concept of concepts) {
    const names = [...new Set([...concept.vi, ...concept.en].map(filterKey))].filter((k) => k !== "");
    for (const name of names) built.set(name, [...new Set([...(built.get(name) ?? []), ...names])]);
  }
  spellingIndexes.set(concepts, built);
  index = built;
  return index;
}

/**
 * A phrase that is one spelling of a lexicon concept (a person, a place, a named thing) stands
 * for all of them, in both languages: "/watch Bình Nhưỡng" also matches "Pyongyang".
 */
function spellingsOf(phrase: string, concepts: readonly Concept[]): string[][] {
  const key = filterKey(phrase);
  const keys = new Set([key, ...(spellingIndex(concepts).get(key) ?? [])]);
  return [...keys].filter((k) => k !== "").map((k) => k.split(" "));
}

function containsRun(tokens: readonly string[], positions: ReadonlyMap<string, number[]>, run: readonly string[]) {
  const starts = positions.get(run[0] as string);
  if (starts === undefined) return false;
  return starts.some((start) => run.every((syllable, i) => tokens[start + i] === syllable));
}

/** The matcher for one chat's filters; `concepts` is the bilingual lexicon (config/lexicon.yaml). */
export function createFilterMatcher(filters: readonly ChatFilter[], concepts: readonly Concept[]): FilterMatcher {
  const compile = (f: ChatFilter): Compiled => ({ phrase: f.phrase, spellings: spellingsOf(f.phrase, concepts) });
  const watches = filters.filter((f) => f.kind === "watch").map(compile);
  const mutes = filters.filter((f) => f.kind === "mute").map(compile);
  return {
    active: watches.length + mutes.length > 0,
    judge(text) {
      const tokens = foldedSyllables(text);
      const positions = new Map<string, number[]>();
      tokens.forEach((t, i) => {
        const list = positions.get(t);
        if (list === undefined) positions.set(t, [i]);
        else list.push(i);
      });
      const names = (c: Compiled) => c.spellings.some((run) => containsRun(tokens, positions, run));
      if (mutes.some(names)) return { muted: true };
      return { watched: watches.find(names)?.phrase, muted: false };
    },
  };
}

/** No watches, no mutes: every event judged neutral. */
export const NO_FILTERS: FilterMatcher = { active: false, judge: () => ({ muted: false }) };
