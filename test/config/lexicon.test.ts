import { writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/index.js";
import { DEFAULT_LEXICON_PATH, loadLexicon } from "../../src/config/lexicon.js";
import type { Concept } from "../../src/domain/index.js";
import { foldDiacritics, normalizeVietnamese } from "../../src/text/index.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

const lexicon = loadLexicon();

/** How matching sees a spelling: one tone-mark style, no diacritics, lower case, syllables. */
function matchKey(spelling: string): string {
  return (foldDiacritics(normalizeVietnamese(spelling.normalize("NFC"))).match(/[\p{L}\p{N}]+/gu) ?? []).join(" ");
}

const owners = new Map<string, Set<string>>();
for (const c of lexicon) {
  for (const s of [...c.vi, ...c.en]) owners.set(matchKey(s), (owners.get(matchKey(s)) ?? new Set()).add(c.id));
}

function concept(id: string): Concept {
  const found = lexicon.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no entry "${id}" in config/lexicon.yaml`);
  return found;
}

function lexiconFile(yaml: string): string {
  const path = join(tempDir(), "lexicon.yaml");
  writeFileSync(path, yaml);
  return path;
}

/** The ConfigError loading `yaml` gives, with the file it was written to. */
function refusal(yaml: string): { path: string; error: ConfigError } {
  const path = lexiconFile(yaml);
  try {
    loadLexicon(path);
  } catch (error) {
    if (error instanceof ConfigError) return { path, error };
    throw error;
  }
  throw new Error(`expected ${path} to be refused:\n${yaml}`);
}

describe("config/lexicon.yaml as shipped", () => {
  it("loads from its default path, whatever the working directory, with at least 300 entries", () => {
    expect(isAbsolute(DEFAULT_LEXICON_PATH)).toBe(true);
    expect(DEFAULT_LEXICON_PATH.endsWith(join("config", "lexicon.yaml"))).toBe(true);
    expect(lexicon.length).toBeGreaterThanOrEqual(300);
  });

  it.each(lexicon.map((c) => [c.id, c] as const))(
    "%s has a Vietnamese and an English spelling, an id of its own, and spellings no other id has",
    (id, c) => {
      expect(c.vi.length).toBeGreaterThan(0);
      expect(c.en.length).toBeGreaterThan(0);
      expect(lexicon.filter((other) => other.id === id)).toHaveLength(1);
      for (const s of [...c.vi, ...c.en]) {
        expect(s, `${id}: ${s}`).toBe(s.normalize("NFC"));
        expect([...(owners.get(matchKey(s)) ?? [])], `${id}: ${s}`).toEqual([id]);
      }
    },
  );

  it("names each referent in both languages, with transliterations and abbreviations", () => {
    expect(concept("icbm").vi).toEqual(expect.arrayContaining(["tên lửa đạn đạo xuyên lục địa", "ICBM"]));
    expect(concept("icbm").en).toEqual(expect.arrayContaining(["intercontinental ballistic missile", "ICBM"]));
    expect(concept("choe-son-hui").en).toEqual(expect.arrayContaining(["Choe Son Hui", "Choe Son-hui"]));
    expect(concept("kim-jong-un").vi).toEqual(expect.arrayContaining(["Kim Jong-un", "Kim Chính Ân"]));
    expect(concept("kim-jong-un").en).toEqual(expect.arrayContaining(["Kim Jong-un", "Kim Jong Un"]));
    expect(concept("xi-jinping").vi).toContain("Tập Cận Bình");
    expect(concept("moscow").vi).toContain("Mát-xcơ-va");
    expect(concept("vladivostok").vi).toContain("Vla-đi-vô-xtốc");
    expect(concept("seoul").vi).toContain("Xơ-un");
    expect(concept("panmunjom").vi).toContain("Bàn Môn Điếm");
    expect(concept("north-korea").vi).toEqual(expect.arrayContaining(["Triều Tiên", "CHDCND"]));
    expect(concept("north-korea").en).toEqual(expect.arrayContaining(["North Korea", "N. Korea", "N.K.", "DPRK"]));
    expect(concept("south-korea").en).toEqual(expect.arrayContaining(["S. Korea", "ROK"]));
    expect(concept("united-states").en).toEqual(expect.arrayContaining(["U.S.", "US"]));
    expect(concept("united-nations").vi).toContain("LHQ");
    expect(concept("un-security-council").vi).toContain("HĐBA");
    expect(concept("un-security-council").en).toContain("UNSC");
    expect(concept("joint-chiefs-of-staff").en).toContain("JCS");
    expect(concept("denuclearization").vi).toEqual(expect.arrayContaining(["phi hạt nhân hóa", "phi hạt nhân hoá"]));
    expect(concept("launch").en).toEqual(expect.arrayContaining(["launch", "launches", "launched", "launching"]));
  });

  it("lists no one-syllable spelling that is an ordinary word in another meaning", () => {
    const spellings = new Set(lexicon.flatMap((c) => [...c.vi, ...c.en]));
    for (const word of [
      "Kim",
      "Lee",
      "Moon",
      "Park",
      "Sung",
      "triều",
      "Trung",
      "Anh",
      "us",
      "ban",
      "thử",
      "bắt",
      "đến",
    ]) {
      expect(spellings.has(word), word).toBe(false);
    }
  });

  it("gives the roles clustering needs: leaders and countries recur, named systems are evidence", () => {
    expect(concept("kim-jong-un").role).toBe("recurring");
    expect(concept("north-korea").role).toBe("recurring");
    expect(concept("pyongyang").role).toBe("recurring");
    expect(concept("jo-chol-su").role).toBe("specific");
    expect(concept("stockholm").role).toBe("specific");
    expect(concept("hwasong-19").role).toBe("specific");
    expect(concept("panmunjom-declaration").role).toBe("specific");
    expect(concept("icbm").role).toBe("generic");
    expect(concept("launch").role).toBe("generic");
    expect(concept("foreign-minister").role).toBe("generic");
  });
});

describe("roles", () => {
  const kinds = ["action", "institution", "title", "weapon", "place", "site", "person", "named", "country", "topic"];

  it("an entry without a role gets its kind's default", () => {
    const entries = kinds.map((kind) => `  - {id: a-${kind}, kind: ${kind}, vi: [vi ${kind}], en: [en ${kind}]}`);
    const roles = Object.fromEntries(
      loadLexicon(lexiconFile(`entries:\n${entries.join("\n")}\n`)).map((c) => [c.kind, c.role]),
    );
    expect(roles).toEqual({
      action: "generic",
      institution: "generic",
      title: "generic",
      weapon: "specific",
      place: "specific",
      site: "specific",
      person: "specific",
      named: "specific",
      country: "recurring",
      topic: "generic",
    });
  });

  it("an explicit role wins over the kind's default", () => {
    const path = lexiconFile(
      [
        "entries:",
        "  - {id: icbm, kind: weapon, role: generic, vi: [ICBM], en: [ICBM]}",
        "  - {id: kim, kind: person, role: recurring, vi: [Kim Chính Ân], en: [Kim Jong Un]}",
        "  - {id: treaty, kind: named, role: recurring, vi: [NPT], en: [NPT]}",
        "",
      ].join("\n"),
    );
    expect(loadLexicon(path).map((c) => [c.id, c.role])).toEqual([
      ["icbm", "generic"],
      ["kim", "recurring"],
      ["treaty", "recurring"],
    ]);
  });
});

describe("a malformed lexicon is refused, naming the key", () => {
  it.each([
    [
      "an entry without an en spelling",
      "  - {id: a, kind: action, vi: [phóng]}",
      "entries[0].en: expected at least one spelling",
    ],
    [
      "an empty vi list",
      "  - {id: a, kind: action, vi: [], en: [launch]}",
      "entries[0].vi: expected at least one spelling",
    ],
    [
      "a spelling without letters",
      "  - {id: a, kind: action, vi: ['-'], en: [launch]}",
      "entries[0].vi[0]: expected a spelling with letters or digits",
    ],
    [
      "an unknown kind",
      "  - {id: a, kind: verb, vi: [phóng], en: [launch]}",
      "entries[0].kind: expected action, institution, title, weapon, place, border, site, person, named, country or topic",
    ],
    [
      "an unknown role",
      "  - {id: a, kind: action, role: sometimes, vi: [phóng], en: [launch]}",
      "entries[0].role: expected specific, recurring or generic",
    ],
    [
      "an id that is not lower-case letters, digits and hyphens",
      "  - {id: Launch, kind: action, vi: [phóng], en: [launch]}",
      "entries[0].id: expected an id of lower-case letters, digits and hyphens",
    ],
    [
      "an unknown key",
      "  - {id: a, kind: action, vi: [phóng], en: [launch], spellings: [fire]}",
      'entries[0]: Unrecognized key: "spellings"',
    ],
    [
      "a capital's country that is no country entry",
      "  - {id: seoul, kind: place, role: recurring, country: korea, vi: [Seoul], en: [Seoul]}\n  - {id: korea, kind: place, vi: [Triều Tiên], en: [Korea]}",
      'entries[0].country: "korea" is not the id of a country entry',
    ],
    [
      "a venue within a place that is no place entry",
      "  - {id: peace-house, kind: place, within: [korea], vi: [Nhà Hòa bình], en: [Peace House]}\n  - {id: korea, kind: country, vi: [Triều Tiên], en: [Korea]}",
      'entries[0].within[0]: "korea" is not the id of a place entry',
    ],
    [
      "a duplicate id",
      "  - {id: a, kind: action, vi: [phóng], en: [launch]}\n  - {id: a, kind: action, vi: [gặp], en: [meet]}",
      'entries[1].id: duplicate id "a"',
    ],
  ])("%s", (_case, entries, message) => {
    const { path, error } = refusal(`entries:\n${entries}\n`);
    expect(error.message).toContain(`${path}: ${message}`);
  });

  it.each([
    ["without diacritics or capitals", "Triều Tiên", "trieu tien"],
    ["in the other tone-mark style", "hòa bình", "hoà bình"],
    ["with a hyphen for a space", "Kim Jong Un", "Kim Jong-un"],
    ["decomposed (NFD)", "Bình Nhưỡng", "Bình Nhưỡng".normalize("NFD")],
  ])("a spelling listed under two ids is refused, also %s", (_case, first, second) => {
    const { path, error } = refusal(
      `entries:\n  - {id: a, kind: place, vi: ["${first}"], en: [A]}\n  - {id: b, kind: place, vi: [B], en: ["${second}"]}\n`,
    );
    expect(error.message).toContain(
      `${path}: entries[1].en[0]: spelling "${second.normalize("NFC")}" already belongs to "a"`,
    );
  });

  it("one id may list a spelling in both languages and in both styles", () => {
    const path = lexiconFile("entries:\n  - {id: a, kind: weapon, vi: [ICBM, ICBM], en: [ICBM, icbm]}\n");
    expect(loadLexicon(path)).toHaveLength(1);
  });
});

it("spellings are NFC-normalised on load", () => {
  const nfd = "Triều Tiên".normalize("NFD");
  const [entry] = loadLexicon(lexiconFile(`entries:\n  - {id: dprk, kind: country, vi: ["${nfd}"], en: [DPRK]}\n`));
  expect(entry?.vi).toEqual(["Triều Tiên".normalize("NFC")]);
  expect(entry?.vi[0]).not.toBe(nfd);
});
