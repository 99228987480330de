import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { useFeedServer } from "../support/feed-server.js";
import { expectNoStackTracesAfterAll } from "../support/process-output.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const feedServer = useFeedServer();
expectNoStackTracesAfterAll();

interface BusyDay {
  readonly outlets: Readonly<Record<string, { readonly name: string; readonly lang: "vi" | "en" }>>;
  readonly items: readonly {
    readonly event: string;
    readonly outlet: string;
    readonly hoursAgo: number;
    readonly title: string;
    readonly lead: string;
  }[];
}

const day = JSON.parse(readFileSync(join("test", "fixtures", "feeds", "busy-day.json"), "utf8")) as BusyDay;
const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Each outlet's feed, dated from now: the whole day inside the last twelve hours. */
function feedOf(outlet: string): string {
  const items = day.items
    .map((item, i) => ({ ...item, i }))
    .filter((item) => item.outlet === outlet)
    .map(
      ({ title, lead, hoursAgo, i }) =>
        `<item><title>${xmlText(title)}</title><link>https://${outlet}.example/tin-${i}</link><description>${xmlText(lead)}</description><pubDate>${new Date(Date.now() - hoursAgo * 3_600_000).toUTCString()}</pubDate></item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${outlet}</title><link>https://${outlet}.example/</link>\n${items}\n</channel></rss>`;
}

interface JsonEntry {
  readonly headline: string;
  readonly lang?: string;
  readonly sources: readonly { readonly url: string; readonly lang?: string }[];
}

describe("the running bot on a busy day", { timeout: 180_000 }, () => {
  it("gives each event one entry linking its own reports only, in both languages, however many leaders and words the events share", async () => {
    const server = await feedServer();
    const dir = tempDir();
    const sources = Object.entries(day.outlets).map(([id, o]) => {
      server.route(`/${id}.rss`, {
        headers: { "content-type": "application/rss+xml; charset=utf-8" },
        body: feedOf(id),
      });
      return `  - id: ${id}\n    url: ${server.url(`/${id}.rss`)}\n    name: ${o.name}\n    lang: ${o.lang}\n`;
    });
    writeFileSync(join(dir, "sources.yaml"), `sources:\n${sources.join("")}`);
    const env = {
      BANTIN_DB: join(dir, "bantin.db"),
      BANTIN_SOURCES: join(dir, "sources.yaml"),
      TELEGRAM_BOT_TOKEN: "",
    };
    // The bot reads the feeds at start and answers /digest from what it clustered.
    const bot = await cli(["start", "--console", "--no-samples"], env, "/digest\n");
    expect(bot.code).toBe(0);
    expect(bot.stdout).toContain("Hwasong-19");
    const eventOfUrl = new Map(day.items.map((item, i) => [`https://${item.outlet}.example/tin-${i}`, item.event]));
    const events = new Set(day.items.map((i) => i.event));
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
