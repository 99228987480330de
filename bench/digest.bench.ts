/**
 * On-demand digest latency on a real SQLite store: 100,000 items (10,000 with --quick) from 40
 * outlets over 30 days, grouped into events of 1–8 items with headlines and summaries, as the
 * editorial core leaves them. Times composeDigest (SQL by window, rank, cut) plus rendering for
 * Telegram and Discord, many times; reports p50/p95 and the process's peak RSS, and the same
 * digest for a chat with 50 watches and 50 mutes, as a ratio to none.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderDiscordMessages } from "../src/adapters/discord/render-discord.js";
import { renderTelegramHtml } from "../src/adapters/telegram/render-digest-html.js";
import { loadLexicon } from "../src/config/lexicon.js";
import { createFilterMatcher } from "../src/digest/index.js";
import type { ChatFilter } from "../src/domain/index.js";
import { composeDigest } from "../src/pipeline/compose-digest.js";
import { openDatabase } from "../src/store/database.js";
import type { BenchOptions } from "./run.js";
import { seededRandom } from "./seeded-random.js";

const DAY = 86_400_000;
const TOPICS = ["my-trieu", "lien-trieu", "han-nhat", "trung-trieu"];

export function buildStore(path: string, items: number, now: number): void {
  const db = openDatabase(path);
  const rand = seededRandom(42);
  const insertSource = db.prepare("INSERT INTO sources (id, url, name, lang) VALUES (?, ?, ?, 'vi')");
  const insertItem = db.prepare(
    `INSERT INTO items (id, source_id, guid, url, title, lead, lang, published_at, fetched_at, content_hash, relevance, topics, analyzed_at)
     VALUES (?, ?, ?, ?, ?, ?, 'vi', ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    "INSERT INTO events (id, first_seen, last_seen, headline, relevance, topics, item_count, outlet_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const link = db.prepare("INSERT INTO event_items (event_id, item_id) VALUES (?, ?)");
  const summary = db.prepare(
    "INSERT INTO summaries (event_id, lang, method, input_hash, summary, headline, created_at) VALUES (?, 'vi', 'extractive', 'h', ?, '', ?)",
  );
  db.transaction(() => {
    for (let s = 0; s < 40; s++) insertSource.run(`s${s}`, `https://outlet${s}.vn/rss`, `Báo số ${s}`);
    let id = 0;
    for (let e = 0; id < items; e++) {
      const size = 1 + Math.floor(rand() * 8);
      const start = now - Math.floor(rand() * 30 * DAY);
      const relevance = rand();
      const topics = JSON.stringify([TOPICS[e % TOPICS.length]]);
      const outlets = new Set<string>();
      let last = start;
      const eventId = `e${e}`;
      const rows: number[] = [];
      for (let k = 0; k < size && id < items; k++) {
        id += 1;
        const at = start + Math.floor(rand() * 6 * 3_600_000);
        last = Math.max(last, at);
        const source = `s${Math.floor(rand() * 40)}`;
        outlets.add(source);
        insertItem.run(
          id,
          source,
          `g${id}`,
          `https://x.vn/${id}`,
          `Tiêu đề ${id}`,
          `Lead ${id} về Triều Tiên.`,
          at,
          at,
          `h${id}`,
          relevance,
          topics,
          at,
        );
        rows.push(id);
      }
      insertEvent.run(
        eventId,
        start,
        last,
        `Sự kiện ${e}: Mỹ và Triều Tiên`,
        relevance,
        topics,
        rows.length,
        outlets.size,
      );
      for (const r of rows) link.run(eventId, r);
      summary.run(eventId, `Tóm tắt sự kiện ${e}, hai bên gặp nhau tại Stockholm & thảo luận <phi hạt nhân hoá>.`, now);
    }
  })();
  db.close();
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** 50 watches and 50 mutes: names the store's events use, names from the lexicon, and misses. */
function fiftyWatchesFiftyMutes(): ChatFilter[] {
  const names = ["Choe Son-hui", "Bình Nhưỡng", "Yongbyon", "Stockholm", "Hwasong-19", "Kim Jong-un", "Moon Jae-in"];
  const phrase = (i: number) => names[i % names.length] ?? `cụm từ ${i}`;
  return [
    ...Array.from({ length: 50 }, (_, i) => ({ kind: "watch" as const, phrase: i < 7 ? phrase(i) : `theo dõi ${i}` })),
    ...Array.from({ length: 50 }, (_, i) => ({ kind: "mute" as const, phrase: `bóng đá ${i} K-pop` })),
  ];
}

export async function bench({ quick }: BenchOptions): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "bantin-digest-bench-"));
  try {
    const path = join(dir, "bench.db");
    const now = Date.UTC(2026, 10, 21, 0, 30);
    buildStore(path, quick ? 10_000 : 100_000, now);
    const db = openDatabase(path);
    const runs = quick ? 50 : 200;
    const times: number[] = [];
    const filteredTimes: number[] = [];
    const filters = createFilterMatcher(fiftyWatchesFiftyMutes(), loadLexicon());
    // Alternating the two requests, so machine noise falls on both alike.
    for (let i = 0; i < runs + 5; i++) {
      for (const [sample, withFilters] of [
        [times, false],
        [filteredTimes, true],
      ] as const) {
        const t = performance.now();
        const doc = composeDigest(
          db,
          {
            topics: [],
            lang: "vi",
            timezone: "Asia/Ho_Chi_Minh",
            since: now - DAY,
            minRelevance: 0.5,
            ...(withFilters ? { filters } : {}),
          },
          now,
        );
        renderTelegramHtml(doc);
        renderDiscordMessages(doc);
        if (i >= 5) sample.push(performance.now() - t);
      }
    }
    db.close();
    times.sort((a, b) => a - b);
    filteredTimes.sort((a, b) => a - b);
    return {
      digest_p50_ms: percentile(times, 50),
      digest_p95_ms: percentile(times, 95),
      // A chat with 50 watches and 50 mutes against one with none, same run: the promise is <= 2.
      digest_filtered_p50_ms: percentile(filteredTimes, 50),
      digest_filters_50_50_over_none: percentile(filteredTimes, 50) / percentile(times, 50),
      // maxRSS is in kilobytes: the peak of the whole process so far, store building included.
      peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
