/**
 * Ingest throughput: items per second for rss-parser alone, and for the whole ingest path
 * after the fetch (decode, parse, normalise, dedupe, store into a real SQLite file, one
 * transaction per feed), over generated feeds. Deterministic: a seeded generator.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Parser from "rss-parser";
import { sourceId } from "../src/domain/index.js";
import { readFeedItems } from "../src/ingest/read-feed-items.js";
import { openDatabase } from "../src/store/database.js";
import { createSqliteItemStore } from "../src/store/items-repo.js";
import { createSqliteSourceStore } from "../src/store/sources-repo.js";
import type { BenchOptions } from "./run.js";

const ITEMS_PER_FEED = 50;
const SYLLABLES = [
  "Triều",
  "Tiên",
  "Hàn",
  "Quốc",
  "Mỹ",
  "đàm",
  "phán",
  "hạt",
  "nhân",
  "thượng",
  "đỉnh",
  "ngoại",
  "giao",
  "Bình",
  "Nhưỡng",
  "Seoul",
  "hoà",
  "bình",
  "tên",
  "lửa",
  "phóng",
  "Nhật",
  "Bản",
  "hợp",
  "tác",
  "an",
  "ninh",
  "kinh",
  "tế",
];

/** Mulberry32: small, fast, and the same numbers every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function words(next: () => number, n: number): string {
  return Array.from({ length: n }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join(" ");
}

/** RSS 2.0 feeds like the Vietnamese outlets': HTML leads with an image, tracking parameters, RFC 822 dates. */
function generateFeeds(totalItems: number): Buffer[] {
  const next = random(20_251_122);
  const feeds: Buffer[] = [];
  for (let f = 0; f * ITEMS_PER_FEED < totalItems; f++) {
    const items: string[] = [];
    for (let i = 0; i < ITEMS_PER_FEED; i++) {
      const n = f * ITEMS_PER_FEED + i;
      const date = new Date(Date.UTC(2025, 10, 1) + Math.floor(next() * 20 * 86_400_000)).toUTCString();
      items.push(
        `<item><title>${words(next, 12)} ${n}</title>` +
          `<link>https://bao.example/the-gioi/bai-${n}.html?utm_source=rss&amp;utm_medium=feed</link>` +
          `<guid isPermaLink="false">${n}</guid><pubDate>${date}</pubDate>` +
          `<description><![CDATA[<a href="https://bao.example/bai-${n}.html"><img src="https://bao.example/${n}.jpg"/></a>${words(next, 40)}.]]></description></item>`,
      );
    }
    feeds.push(
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bao ${f}</title><link>https://bao.example/</link>${items.join("")}</channel></rss>`,
      ),
    );
  }
  return feeds;
}

export async function bench({ quick }: BenchOptions): Promise<Record<string, number>> {
  const total = quick ? 2_000 : 20_000;
  const feeds = generateFeeds(total);
  const texts = feeds.map((f) => f.toString("utf8"));

  const parser = new Parser();
  const dir = mkdtempSync(join(tmpdir(), "bantin-bench-"));
  try {
    const db = openDatabase(join(dir, "bench.db"));
    const sources = createSqliteSourceStore(db);
    const items = createSqliteItemStore(db);
    const source = {
      id: sourceId("bench"),
      url: "https://bao.example/rss",
      name: "bench",
      lang: "vi",
      fullText: false,
      weight: 1,
    } as const;
    sources.upsert([source]);
    let parsed = 0;
    let stored = 0;
    let parseMs = 0;
    let ingestMs = 0;
    // Parse-only and whole-path runs alternate feed by feed, so load on a shared machine weighs on both alike.
    for (const [f, body] of feeds.entries()) {
      const parseStart = performance.now();
      parsed += (await parser.parseString(texts[f]!)).items.length;
      parseMs += performance.now() - parseStart;
      const ingestStart = performance.now();
      const read = await readFeedItems(
        body,
        "application/rss+xml; charset=utf-8",
        source,
        source.url,
        Date.UTC(2025, 10, 22),
      );
      if (read.status === "error") throw new Error(read.message);
      // As ingestSource does for a source without full text: the insert's unique keys deduplicate.
      stored += items.insertBatch(read.items).inserted;
      ingestMs += performance.now() - ingestStart;
    }
    const parseSeconds = parseMs / 1000;
    const ingestSeconds = ingestMs / 1000;
    db.close();
    if (parsed !== total || stored !== total)
      throw new Error(`expected ${total} items, parsed ${parsed}, stored ${stored}`);
    const parseRate = parsed / parseSeconds;
    const ingestRate = stored / ingestSeconds;
    return {
      parse_items_per_s: Math.round(parseRate),
      ingest_items_per_s: Math.round(ingestRate),
      ingest_over_parse: Math.round((ingestRate / parseRate) * 1000) / 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
