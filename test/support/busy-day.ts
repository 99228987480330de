import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Lang, type Source, sourceId } from "../../src/domain/index.js";
import type { FeedServer } from "./feed-server.js";

/** test/fixtures/feeds/busy-day.json: one busy day of peninsula news from four outlets, labelled by event. */
export interface BusyDay {
  readonly outlets: Readonly<Record<string, { readonly name: string; readonly lang: Lang }>>;
  readonly items: readonly {
    readonly event: string;
    readonly outlet: string;
    readonly hoursAgo: number;
    readonly title: string;
    readonly lead: string;
  }[];
}

export const busyDay = JSON.parse(readFileSync(join("test", "fixtures", "feeds", "busy-day.json"), "utf8")) as BusyDay;

/** The address of the day's `i`-th item, as its outlet's feed links it. */
export const busyDayUrl = (i: number): string => `https://${busyDay.items[i]!.outlet}.example/tin-${i}`;

const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An outlet's RSS feed, dated back from `now`: the whole day inside the last twelve hours. */
function feedOf(outlet: string, now: number): string {
  const items = busyDay.items
    .map((item, i) => ({ ...item, i }))
    .filter((item) => item.outlet === outlet)
    .map(
      ({ title, lead, hoursAgo, i }) =>
        `<item><title>${xmlText(title)}</title><link>${busyDayUrl(i)}</link><description>${xmlText(lead)}</description><pubDate>${new Date(now - hoursAgo * 3_600_000).toUTCString()}</pubDate></item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${outlet}</title><link>https://${outlet}.example/</link>\n${items}\n</channel></rss>`;
}

/** Serve every outlet's feed on `server`, dated back from `now`; the sources that read them. */
export function serveBusyDay(server: FeedServer, now: number): Source[] {
  return Object.entries(busyDay.outlets).map(([id, o]) => {
    server.route(`/${id}.rss`, {
      headers: { "content-type": "application/rss+xml; charset=utf-8" },
      body: feedOf(id, now),
    });
    return { id: sourceId(id), url: server.url(`/${id}.rss`), name: o.name, lang: o.lang, fullText: false, weight: 1 };
  });
}

/** The sources as a sources.yaml lists them. */
export const sourcesYaml = (sources: readonly Source[]): string =>
  `sources:\n${sources.map((s) => `  - id: ${s.id}\n    url: ${s.url}\n    name: ${s.name}\n    lang: ${s.lang}\n`).join("")}`;
