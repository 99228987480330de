import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/index.js";
import { loadSources } from "../../src/config/sources.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

function sourcesFile(yaml: string): string {
  const path = join(tempDir(), "sources.yaml");
  writeFileSync(path, yaml);
  return path;
}

describe("the shipped config/sources.yaml", () => {
  const sources = loadSources("config/sources.yaml");

  it("lists the Vietnamese world sections and the English Korea-focused feeds, each once", () => {
    const ids = sources.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(["vnexpress-the-gioi", "tuoitre-the-gioi", "vov", "baoquocte"]));
    expect(ids).toEqual(expect.arrayContaining(["yonhap-all", "nknews", "38north", "koreaherald"]));
    expect(sources.filter((s) => s.lang === "vi").length).toBeGreaterThanOrEqual(6);
    expect(sources.filter((s) => s.lang === "en").length).toBeGreaterThanOrEqual(4);
  });

  it("every source has an https feed address, a readable name and a positive weight", () => {
    for (const s of sources) {
      expect(new URL(s.url).protocol).toBe("https:");
      expect(s.name.length).toBeGreaterThan(1);
      expect(s.weight).toBeGreaterThan(0);
    }
  });
});

describe("a --sources file", () => {
  it("needs only id and url; the rest has defaults", () => {
    const path = sourcesFile("sources:\n  - id: local\n    url: http://127.0.0.1:1/feed.xml\n");
    expect(loadSources(path)).toEqual([
      { id: "local", url: "http://127.0.0.1:1/feed.xml", name: "local", lang: "vi", fullText: false, weight: 1 },
    ]);
  });

  it("tz and headers: an IANA zone and one-line header values, each refused by key when wrong", () => {
    const ok = sourcesFile(
      "sources:\n  - id: zing\n    url: http://x.test/\n    tz: Asia/Ho_Chi_Minh\n    headers: {User-Agent: Mozilla/5.0}\n",
    );
    expect(loadSources(ok)[0]).toMatchObject({ tz: "Asia/Ho_Chi_Minh", headers: { "User-Agent": "Mozilla/5.0" } });
    const badZone = sourcesFile("sources:\n  - id: zing\n    url: http://x.test/\n    tz: Asia/Hanoi\n");
    expect(() => loadSources(badZone)).toThrow(`${badZone}: sources[0].tz: expected an IANA time zone`);
    const badHeader = sourcesFile('sources:\n  - id: zing\n    url: http://x.test/\n    headers: {"User Agent": x}\n');
    expect(() => loadSources(badHeader)).toThrow(`${badHeader}: sources[0].headers`);
  });

  it("a bad URL names the file and the key", () => {
    const path = sourcesFile("sources:\n  - id: local\n    url: not a url\n");
    expect(() => loadSources(path)).toThrow(ConfigError);
    expect(() => loadSources(path)).toThrow(`${path}: sources[0].url: expected an absolute http(s) URL`);
  });

  it("a duplicate id is refused", () => {
    const path = sourcesFile("sources:\n  - id: a\n    url: http://x.test/\n  - id: a\n    url: http://y.test/\n");
    expect(() => loadSources(path)).toThrow(`${path}: sources[1].id: duplicate id "a"`);
  });

  it("an unknown language is refused", () => {
    const path = sourcesFile("sources:\n  - id: a\n    url: http://x.test/\n    lang: fr\n");
    expect(() => loadSources(path)).toThrow(`${path}: sources[0].lang: expected vi or en`);
  });
});
