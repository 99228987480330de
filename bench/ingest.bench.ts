/**
 * Ingest throughput: items per second for rss-parser alone, and for the whole ingest path
 * after the fetch (read the source's fetch state, decode, parse, normalise, dedupe, stage
 * and commit into a real SQLite file through the pass's writer, as runIngestPass does, with
 * feeds read on the pass's parse worker pool while the main thread writes), over generated
 * feeds, one source per feed. Parse-only is rss-parser alone on one thread. Both are timed
 * after the same untimed pass over other feeds (see WARM_ITEMS). Deterministic: a seeded generator.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Parser from "rss-parser";
import { silentLogger, sourceId } from "../src/domain/index.js";
import { createFeedReaderPool, type FeedReader } from "../src/ingest/feed-reader-pool.js";
import { stageFeed } from "../src/ingest/ingest-source.js";
import { createIngestWriter, type IngestWriter } from "../src/ingest/ingest-writer.js";
import { type Db, openDatabase } from "../src/store/database.js";
import { createSqliteIngestStore } from "../src/store/ingest-store.js";
import { createSqliteSourceStore } from "../src/store/sources-repo.js";
import type { BenchOptions } from "./run.js";
import { seededRandom } from "./seeded-random.js";

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

function words(next: () => number, n: number): string {
  return Array.from({ length: n }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join(" ");
}

/**
 * RSS 2.0 feeds like the Vietnamese outlets': HTML leads with an image, tracking parameters,
 * RFC 822 dates. Items are numbered from `firstItem` (other numbers, other stories).
 */
function generateFeeds(totalItems: number, seed = 20_251_122, firstItem = 0): Buffer[] {
  const next = seededRandom(seed);
  const feeds: Buffer[] = [];
  for (let f = 0; f * ITEMS_PER_FEED < totalItems; f++) {
    const items: string[] = [];
    for (let i = 0; i < ITEMS_PER_FEED; i++) {
      const n = firstItem + f * ITEMS_PER_FEED + i;
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

/** Feeds handed to the whole path at once, as if that many fetches had just completed. */
const WINDOW = 64;
/** Parse-only and whole-path runs alternate over this many slices of the feeds. */
const ROUNDS = 4;
/**
 * Items of the untimed pass before (other stories, other sources): the bot keeps one reader
 * pool from pass to pass, so its workers, like this thread's rss-parser, run JIT-compiled
 * code; only the first pass after a start pays for compiling it, and a cold start is not
 * what either rate describes. Both sides get the same warm-up.
 */
const WARM_ITEMS = 5_000;

const FETCHED_AT = Date.UTC(2025, 10, 22);

type BenchSource = ReturnType<typeof sourcesFor>[number];

/** One source per feed, `prefix-0`, `prefix-1`… */
function sourcesFor(prefix: string, list: readonly Buffer[]) {
  return list.map((_, f) => ({
    id: sourceId(`${prefix}-${f}`),
    url: `https://bao.example/${prefix}/${f}`,
    name: `${prefix} ${f}`,
    lang: "vi" as const,
    fullText: false,
    weight: 1,
  }));
}

/** The stores, writer and reader a pass stages feeds through. */
interface IngestRig {
  readonly sources: ReturnType<typeof createSqliteSourceStore>;
  readonly writer: IngestWriter;
  readonly ctx: Parameters<typeof stageFeed>[4];
}

function createRig(db: Db, reader: FeedReader, all: readonly BenchSource[]): IngestRig {
  const sources = createSqliteSourceStore(db);
  sources.upsert(all);
  const store = createSqliteIngestStore(db);
  const writer = createIngestWriter(store);
  const ctx = {
    store,
    writer,
    reader,
    http: { timeoutMs: 1_000, maxBodyBytes: 1 << 24, maxRedirects: 0, userAgent: "bench" },
    isRelevant: () => true,
    maxArticlesPerSource: 0,
    logger: silentLogger,
  };
  return { sources, writer, ctx };
}

async function ingestFeed(
  rig: IngestRig,
  source: BenchSource,
  body: Buffer,
  f: number,
): Promise<{ readonly inserted: Promise<number> }> {
  const fetched = {
    status: "ok",
    body,
    contentType: "application/rss+xml; charset=utf-8",
    etag: `"${f}"`,
    lastModified: undefined,
    finalUrl: source.url,
  } as const;
  // The writer commits on its own once enough items wait, as in a pass.
  const read = await stageFeed(source, fetched, rig.sources.fetchState(source.id), FETCHED_AT, rig.ctx);
  if (read.status === "error") throw new Error(read.message);
  return { inserted: read.inserted };
}

/** Like a pass: up to WINDOW fetched feeds at a time, each staging its items when read. */
async function ingestAll(
  rig: IngestRig,
  list: readonly number[],
  from: readonly Buffer[],
  to: readonly BenchSource[],
  stored: Promise<number>[],
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(WINDOW, list.length) }, async () => {
      while (next < list.length) {
        const f = list[next++]!;
        stored.push((await ingestFeed(rig, to[f]!, from[f]!, f)).inserted);
      }
    }),
  );
}

/** The untimed pass before (see WARM_ITEMS): rss-parser and the whole path over the warm-up feeds. */
async function warmUp(
  parser: Parser,
  rig: IngestRig,
  warmFeeds: readonly Buffer[],
  warmSources: readonly BenchSource[],
) {
  const warm = warmFeeds.map((_, f) => f);
  for (const feed of warmFeeds) await parser.parseString(feed.toString("utf8"));
  const warmStored: Promise<number>[] = [];
  await ingestAll(rig, warm, warmFeeds, warmSources, warmStored);
  await rig.writer.flush();
  await Promise.all(warmStored);
}

interface Timings {
  readonly parsed: number;
  readonly inserted: number;
  readonly parseMs: number;
  readonly ingestMs: number;
}

/** Parse-only and whole-path runs over ROUNDS slices of the feeds, each timed; the final commit counts as ingest. */
async function timedRounds(
  parser: Parser,
  rig: IngestRig,
  feeds: readonly Buffer[],
  texts: readonly string[],
  feedSources: readonly BenchSource[],
): Promise<Timings> {
  let parsed = 0;
  let parseMs = 0;
  let ingestMs = 0;
  const stored: Promise<number>[] = [];
  // Parse-only and whole-path runs alternate slice by slice, so load on a shared machine weighs on both alike.
  const perRound = Math.ceil(feeds.length / ROUNDS);
  for (let from = 0; from < feeds.length; from += perRound) {
    const slice = Array.from({ length: Math.min(perRound, feeds.length - from) }, (_, i) => from + i);
    const parseStart = performance.now();
    for (const f of slice) parsed += (await parser.parseString(texts[f]!)).items.length;
    parseMs += performance.now() - parseStart;

    const ingestStart = performance.now();
    await ingestAll(rig, slice, feeds, feedSources, stored);
    ingestMs += performance.now() - ingestStart;
  }
  // The end of the pass commits the rest.
  const flushStart = performance.now();
  await rig.writer.flush();
  const inserted = (await Promise.all(stored)).reduce((a, b) => a + b, 0);
  ingestMs += performance.now() - flushStart;
  return { parsed, inserted, parseMs, ingestMs };
}

export async function bench({ quick }: BenchOptions): Promise<Record<string, number>> {
  const total = quick ? 2_000 : 20_000;
  const feeds = generateFeeds(total);
  const texts = feeds.map((f) => f.toString("utf8"));
  const warmFeeds = generateFeeds(quick ? WARM_ITEMS / 5 : WARM_ITEMS, 7, 1_000_000);

  const parser = new Parser();
  const dir = mkdtempSync(join(tmpdir(), "bantin-bench-"));
  const reader = createFeedReaderPool({ logger: silentLogger });
  try {
    const db = openDatabase(join(dir, "bench.db"));
    const feedSources = sourcesFor("bench", feeds);
    const warmSources = sourcesFor("warm", warmFeeds);
    const rig = createRig(db, reader, [...feedSources, ...warmSources]);
    // Measured with the workers up: before, a pass reads on its own thread (a fetch or two's time).
    if (!(await reader.started())) throw new Error("the parse workers did not start");

    await warmUp(parser, rig, warmFeeds, warmSources);
    const { parsed, inserted, parseMs, ingestMs } = await timedRounds(parser, rig, feeds, texts, feedSources);
    const parseSeconds = parseMs / 1000;
    const ingestSeconds = ingestMs / 1000;
    db.close();
    if (parsed !== total || inserted !== total)
      throw new Error(`expected ${total} items, parsed ${parsed}, stored ${inserted}`);
    const parseRate = parsed / parseSeconds;
    const ingestRate = inserted / ingestSeconds;
    return {
      parse_items_per_s: Math.round(parseRate),
      ingest_items_per_s: Math.round(ingestRate),
      ingest_over_parse: Math.round((ingestRate / parseRate) * 1000) / 1000,
    };
  } finally {
    await reader.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
