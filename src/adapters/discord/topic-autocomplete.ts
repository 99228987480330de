import type { Lang, Topic } from "../../domain/index.js";
import { foldDiacritics } from "../../text/index.js";

/** Discord shows at most 25 choices, each name at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_NAME = 100;

/** Diacritic- and case-insensitive key for matching what a member is typing; dashes and spaces alike. */
const fold = (s: string): string =>
  foldDiacritics(s)
    .replace(/[\s_–-]+/g, " ")
    .trim();

export interface AutocompleteChoice {
  readonly name: string;
  readonly value: string;
}

/**
 * Topic choices for what the member has typed so far: a topic matches when its id or its label
 * in either language contains the typed text, ignoring diacritics ("trieu" finds "Mỹ – Triều").
 * Names are shown in the member's language; values are topic ids, which the chat core accepts.
 */
export function topicChoices(
  topics: readonly Topic[],
  typed: string,
  lang: Lang,
  extra: readonly AutocompleteChoice[] = [],
): AutocompleteChoice[] {
  const wanted = fold(typed);
  const matches = (names: readonly string[]) => wanted === "" || names.some((n) => fold(n).includes(wanted));
  const fromTopics = topics
    .filter((t) => matches([t.id, t.label.vi, t.label.en]))
    .map((t) => ({ name: `${t.label[lang]} (${t.id})`.slice(0, MAX_NAME), value: String(t.id) }));
  return [...fromTopics, ...extra.filter((c) => matches([c.name, c.value]))].slice(0, MAX_CHOICES);
}

/** The member's language from Discord's locale ("vi", "en-US", …); anything not Vietnamese reads English. */
export const langOfLocale = (locale: string | undefined): Lang => (locale?.startsWith("vi") === true ? "vi" : "en");
