import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Concept, ConceptKind, ConceptRole } from "../domain/concepts.js";
import { foldedSyllables, normalizeVietnamese } from "../text/index.js";
import { ConfigError } from "./config-error.js";
import { loadYamlFile } from "./yaml-file.js";

/** The role a kind gets when an entry names none (see config/lexicon.yaml). */
const DEFAULT_ROLES = {
  action: "generic",
  institution: "generic",
  title: "generic",
  weapon: "specific",
  place: "specific",
  border: "specific",
  site: "specific",
  person: "specific",
  named: "specific",
  country: "recurring",
  topic: "generic",
} as const satisfies Readonly<Record<ConceptKind, ConceptRole>>;

const KINDS = [
  "action",
  "institution",
  "title",
  "weapon",
  "place",
  "border",
  "site",
  "person",
  "named",
  "country",
  "topic",
] as const satisfies readonly ConceptKind[];
const ROLES = ["specific", "recurring", "generic"] as const satisfies readonly ConceptRole[];

/** "a, b or c", for messages that list what was expected. */
function oneOf(values: readonly string[]): string {
  return `${values.slice(0, -1).join(", ")} or ${values.at(-1)}`;
}

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected an id of lower-case letters, digits and hyphens");
const spelling = z
  .string()
  .transform((s) => s.normalize("NFC"))
  .refine((s) => foldedSyllables(s).length > 0, { message: "expected a spelling with letters or digits" });
const spellings = z
  .array(spelling, {
    error: (issue) => (issue.input === undefined ? "expected at least one spelling" : "expected a list of spellings"),
  })
  .min(1, "expected at least one spelling");

const entrySchema = z.strictObject({
  id,
  kind: z.enum(KINDS, { message: `expected ${oneOf(KINDS)}` }),
  role: z.enum(ROLES, { message: `expected ${oneOf(ROLES)}` }).optional(),
  vi: spellings,
  en: spellings,
  country: id.optional(),
  within: z.array(id).min(1, "expected at least one place id").optional(),
});

/** config/lexicon.yaml: the bilingual concepts clustering matches in Vietnamese and English reports. */
export const lexiconFileSchema = z.strictObject({
  entries: z.array(entrySchema).min(1, "expected at least one entry"),
});

/** Where the bundled lexicon lives, whatever the working directory. */
export const DEFAULT_LEXICON_PATH = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "config", "lexicon.yaml");

/**
 * How matching sees a spelling: folded syllables. Two spellings with one key are one pattern, so
 * the key may belong to one id only ("Kim Jong-un" and "kim jong un" are the same spelling).
 * One-syllable spellings, which matching takes as written, are compared folded too: "bắn" and an
 * English "ban" under two ids are refused, since the English one would match Vietnamese "ban".
 */
function spellingKey(s: string): string {
  return foldedSyllables(normalizeVietnamese(s)).join(" ");
}

/**
 * Load and validate the lexicon. Besides the schema (unknown keys, ids, kinds, roles, at least one
 * spelling per language) refuses duplicate ids, a spelling listed under two ids, a `country`
 * that names no country entry and a `within` that names no place entry, naming the key.
 * An entry without `role` gets its kind's default.
 */
export function loadLexicon(path: string = DEFAULT_LEXICON_PATH): readonly Concept[] {
  const file = loadYamlFile(path, lexiconFileSchema);
  const ids = new Set<string>();
  const owners = new Map<string, { readonly id: string; readonly index: number }>();
  file.entries.forEach((e, i) => {
    if (ids.has(e.id)) throw new ConfigError(`${path}: entries[${i}].id: duplicate id "${e.id}"`);
    ids.add(e.id);
    for (const lang of ["vi", "en"] as const) {
      e[lang].forEach((s, j) => {
        const key = spellingKey(s);
        const owner = owners.get(key);
        if (owner !== undefined && owner.id !== e.id) {
          throw new ConfigError(
            `${path}: entries[${i}].${lang}[${j}]: spelling "${s}" already belongs to "${owner.id}" (entries[${owner.index}])`,
          );
        }
        owners.set(key, { id: e.id, index: i });
      });
    }
  });
  const countries = new Set(file.entries.filter((e) => e.kind === "country").map((e) => e.id));
  const places = new Set(file.entries.filter((e) => e.kind === "place").map((e) => e.id));
  file.entries.forEach((e, i) => {
    if (e.country !== undefined && !countries.has(e.country)) {
      throw new ConfigError(`${path}: entries[${i}].country: "${e.country}" is not the id of a country entry`);
    }
    e.within?.forEach((w, j) => {
      if (!places.has(w))
        throw new ConfigError(`${path}: entries[${i}].within[${j}]: "${w}" is not the id of a place entry`);
    });
  });
  return file.entries.map((e) => ({
    id: e.id,
    kind: e.kind,
    role: e.role ?? DEFAULT_ROLES[e.kind],
    vi: e.vi,
    en: e.en,
    ...(e.country === undefined ? {} : { country: e.country }),
    ...(e.within === undefined ? {} : { within: e.within }),
  }));
}
