import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { busyDay, busyDayUrl, serveBusyDay, sourcesYaml } from "../support/busy-day.js";
import { cli } from "../support/cli.js";
import { useFeedServer } from "../support/feed-server.js";
import { expectNoStackTracesAfterAll } from "../support/process-output.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const feedServer = useFeedServer();
expectNoStackTracesAfterAll();

interface JsonEntry {
  readonly headline: string;
  readonly lang?: string;
  readonly sources: readonly { readonly url: string; readonly lang?: string }[];
}

describe("the running bot on a busy day", { timeout: 180_000 }, () => {
  it("gives each event one entry linking its own reports only, in both languages, however many leaders and words the events share", async () => {
    const server = await feedServer();
    const dir = tempDir();
    writeFileSync(join(dir, "sources.yaml"), sourcesYaml(serveBusyDay(server, Date.now())));
    const env = {
      BANTIN_DB: join(dir, "bantin.db"),
      BANTIN_SOURCES: join(dir, "sources.yaml"),
      TELEGRAM_BOT_TOKEN: "",
    };
    // The bot reads the feeds at start and answers /digest from what it clustered.
    const bot = await cli(["start", "--console", "--no-samples"], env, "/digest\n");
    expect(bot.code).toBe(0);
    expect(bot.stdout).toContain("Hwasong-19");
    const eventOfUrl = new Map(busyDay.items.map((item, i) => [busyDayUrl(i), item.event]));
    const events = new Set(busyDay.items.map((i) => i.event));
    for (const lang of ["vi", "en"] as const) {
      const run = await cli(["digest", "--lang", lang, "--format", "json"], env);
      const entries = (JSON.parse(run.stdout) as { entries: JsonEntry[] }).entries;
      const shown = entries.map((e) => [...new Set(e.sources.map((s) => eventOfUrl.get(s.url)))]);
      // Every entry links reports of one event...
      for (const [k, ofEntry] of shown.entries()) expect(ofEntry, entries[k]!.headline).toHaveLength(1);
      // ...and every event is one entry, all of them shown.
      expect(shown.map((s) => s[0]).sort()).toEqual([...events].sort());
      // Each event was reported in both languages: each is headed in the chat's.
      expect(entries.filter((e) => e.lang !== undefined)).toEqual([]);
    }
  });
});
