/**
 * /story's thread links on the real-day set (real dates, so a link's 30-day window means what it
 * does in the bot): how many events get an earlier event of their thread, and every link, to
 * judge by hand. The set labels events, not threads; precision is a reader's call.
 */
import { clusterItems } from "../../src/analyze/cluster-items.js";
import { createStoryThreads } from "../../src/analyze/story-thread.js";
import { loadLexicon } from "../../src/config/lexicon.js";
import type { StoryThreadEvent } from "../../src/domain/story-thread.js";
import { type LabelledItem, realDay } from "../../test/fixtures/labelled/labelled-sets.js";
import type { EvalReport } from "../eval.js";
import { clusterLexicon } from "./cluster.eval.js";

const threads = createStoryThreads(loadLexicon());

/** Events as the labels group the items, or as clustering does; named after their first title. */
function eventsOf(items: readonly LabelledItem[], by: "labels" | "clustering"): StoryThreadEvent[] {
  const groups = new Map<string, LabelledItem[]>();
  const eventOf =
    by === "labels"
      ? new Map(items.map((i) => [i.article.id, i.event ?? i.article.id]))
      : clusterItems(
          items.map((i) => i.article),
          { lexicon: clusterLexicon },
        ).eventOf;
  for (const item of items) {
    const key = eventOf.get(item.article.id) ?? item.article.id;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()].map((group) => ({
    id: group[0]!.article.title.slice(0, 70),
    firstSeen: Math.min(...group.map((i) => i.article.publishedAt ?? 0)),
    reports: group.map((i) => ({ title: i.article.title, lead: i.article.lead, lang: i.article.lang ?? "vi" })),
  }));
}

export async function evaluate(): Promise<EvalReport> {
  const lines: string[] = [];
  const metrics: Record<string, number> = {};
  for (const by of ["labels", "clustering"] as const) {
    for (const half of ["tune", "heldout"] as const) {
      const events = eventsOf(
        realDay(half).filter((i) => i.relevant),
        by,
      );
      let linked = 0;
      let links = 0;
      const shown: string[] = [];
      for (const e of events) {
        const found = threads.earlier(e, events);
        if (found.length > 0) linked++;
        links += found.length;
        for (const l of found) shown.push(`  ${e.id}\n    ← ${l.eventId} (${l.shared.map((s) => s.en).join(", ")})`);
      }
      lines.push(
        `real-day ${half}, events by ${by}: ${linked} of ${events.length} with an earlier-thread link, ${links} links`,
      );
      if (by === "labels") lines.push(...shown);
      metrics[`thread_${half}_${by}_linked`] = linked;
      metrics[`thread_${half}_${by}_links`] = links;
    }
  }
  return { title: "/story thread links on the real-day set (judge the links by hand)", lines, metrics };
}
