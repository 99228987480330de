import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { samples } from "../fixtures/labelled/labelled-sets.js";
import { cli } from "../support/cli.js";
import { expectNoStackTracesAfterAll } from "../support/process-output.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
expectNoStackTracesAfterAll();

interface JsonEntry {
  readonly headline: string;
  readonly lang?: string;
  readonly sources: readonly { readonly name: string; readonly url: string; readonly lang?: string }[];
}

/** The sample event of a source link: items are labelled by the path of their address. */
const eventOf = new Map(samples().map((i) => [i.article.id, i.event]));
const relevantEvents = new Set(
  samples()
    .filter((i) => i.relevant)
    .map((i) => i.event),
);
const eventOfUrl = (url: string) => eventOf.get(url.replace(/^https?:\/\/[^/]+/, ""));

// A newcomer's first run: `npm start`, then /digest. Several spawns on a busy machine.
describe("the bundled samples' digest, as a newcomer first sees it", { timeout: 180_000 }, () => {
  it("shows every sample event exactly once, each entry linking reports of one event, headed in the chat's language", async () => {
    const dir = tempDir();
    // Room for every sample event: the default 7 entries would cut the eighth.
    writeFileSync(join(dir, "bantin.yaml"), "digest:\n  maxEntries: 20\n");
    const env = { BANTIN_DB: join(dir, "bantin.db"), BANTIN_CONFIG: join(dir, "bantin.yaml"), TELEGRAM_BOT_TOKEN: "" };
    const first = await cli(["start", "--console"], env, "/digest 7d\n");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("📰 Bản tin");
    for (const lang of ["vi", "en"] as const) {
      const run = await cli(["digest", "--since", "7d", "--lang", lang, "--format", "json"], env);
      expect(run.code).toBe(0);
      const entries = (JSON.parse(run.stdout) as { entries: JsonEntry[] }).entries;
      const shown = entries.map((e) => new Set(e.sources.map((s) => eventOfUrl(s.url))));
      // Each entry is one sample event...
      for (const [k, events] of shown.entries()) expect([...events], entries[k]!.headline).toHaveLength(1);
      // ...and each sample event is one entry.
      const events = shown.map((s) => [...s][0]);
      expect(events.filter((e) => e !== undefined && relevantEvents.has(e)).sort()).toEqual([...relevantEvents].sort());
      // Every sample event has reports in both languages: each is headed in the chat's.
      expect(entries.filter((e) => e.lang !== undefined).map((e) => e.headline)).toEqual([]);
      // Reports in the other language are listed, marked with it.
      const other = lang === "vi" ? "en" : "vi";
      expect(entries.some((e) => e.sources.some((s) => s.lang === other))).toBe(true);
      expect(entries.every((e) => e.sources.every((s) => s.lang === undefined || s.lang === other))).toBe(true);
    }
    const text = await cli(["digest", "--since", "7d", "--lang", "en"], env);
    expect(text.stdout).toMatch(/Đài mẫu Tiếng nói \(VI\) </);
  });
});
