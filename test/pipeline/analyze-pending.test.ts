import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeBatch } from "../../src/analyze/analyze-batch.js";
import { loadSettings } from "../../src/config/index.js";
import { loadLexicon } from "../../src/config/lexicon.js";
import { loadTopics } from "../../src/config/topics.js";
import { sourceId } from "../../src/domain/index.js";
import { contentHash } from "../../src/ingest/index.js";
import { analyzePending } from "../../src/pipeline/analyze-pending.js";
import { openDatabase } from "../../src/store/database.js";
import { createSqliteEventStore } from "../../src/store/events-repo.js";
import { createSqliteItemStore } from "../../src/store/items-repo.js";
import { portOf } from "../../src/store/port.js";
import { createSqliteSourceStore } from "../../src/store/sources-repo.js";
import { asOneDay, realDay, seedLeads } from "../fixtures/labelled/labelled-sets.js";
import { anItem, aSource } from "../support/store-fixtures.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const H = 3_600_000;

function seed(path: string) {
  const db = openDatabase(path);
  aSource(db, { id: "vov", url: "http://127.0.0.1/vov", name: "VOV" });
  aSource(db, { id: "tg", url: "http://127.0.0.1/tg", name: "TG" });
  let n = 0;
  return {
    db,
    add: (source: string, title: string, lead: string, at: number) => {
      n++;
      anItem(db, {
        source,
        guid: `g${n}`,
        url: `http://127.0.0.1/${n}`,
        title,
        lead,
        publishedAt: at,
        contentHash: `h${n}`,
      });
    },
  };
}

describe("analyzePending on a real SQLite file", () => {
  it("stores relevance, topics and event membership, and an event's headline and summary", async () => {
    const path = join(tempDir(), "bantin.db");
    const { db, add } = seed(path);
    const t0 = Date.UTC(2019, 9, 5);
    add(
      "vov",
      "Mỹ và Triều Tiên nối lại đàm phán hạt nhân tại Stockholm",
      "Mỹ và Triều Tiên nối lại đàm phán hạt nhân cấp chuyên viên tại Stockholm, Thụy Điển ngày 5/10.",
      t0,
    );
    add("vov", "Giá vàng hôm nay tăng mạnh", "Giá vàng SJC tăng 500.000 đồng mỗi lượng.", t0 + H);
    const deps = {
      store: portOf(createSqliteEventStore(db)),
      topics: loadTopics(),
      concepts: loadLexicon(),
      settings: loadSettings("absent.yaml"),
      now: t0 + 2 * H,
    };
    expect(await analyzePending(deps)).toEqual({ analyzed: 2, relevant: 1, eventsTouched: 2 });

    // A later run, after a restart: the new report joins the stored event.
    add(
      "tg",
      "Đàm phán hạt nhân Mỹ - Triều Tiên tại Stockholm kết thúc",
      "Cuộc đàm phán hạt nhân cấp chuyên viên Mỹ - Triều Tiên tại Stockholm, Thụy Điển kết thúc ngày 5/10.",
      t0 + 5 * H,
    );
    expect((await analyzePending({ ...deps, now: t0 + 6 * H })).analyzed).toBe(1);
    expect(await analyzePending({ ...deps, now: t0 + 7 * H })).toEqual({ analyzed: 0, relevant: 0, eventsTouched: 0 });

    const events = db
      .prepare("SELECT id, headline, item_count, outlet_count, topics, relevance FROM events ORDER BY id")
      .all() as {
      id: string;
      headline: string;
      item_count: number;
      outlet_count: number;
      topics: string;
      relevance: number;
    }[];
    const talks = events.find((e) => e.item_count === 2)!;
    expect(talks.outlet_count).toBe(2);
    expect(JSON.parse(talks.topics)).toContain("my-trieu");
    expect(talks.headline).toMatch(/Stockholm/);
    expect(talks.relevance).toBeGreaterThan(0.5);
    const summary = db.prepare("SELECT summary FROM summaries WHERE event_id = ?").get(talks.id) as { summary: string };
    expect(summary.summary).toMatch(/Stockholm/);
    const unanalysed = { n: createSqliteEventStore(db).unanalyzed(Number.MAX_SAFE_INTEGER).length };
    expect(unanalysed.n).toBe(0);
    db.close();
  });

  it("groups a batch into the same events as the analyze command does", async () => {
    const { db, add } = seed(join(tempDir(), "bantin.db"));
    const t0 = Date.UTC(2019, 9, 5);
    const leads = seedLeads().map((l) => l.article.lead);
    leads.forEach((lead, i) => {
      add(i % 2 === 0 ? "vov" : "tg", "", lead, t0 + i * 60_000);
    });
    const settings = loadSettings("absent.yaml");
    await analyzePending({
      store: portOf(createSqliteEventStore(db)),
      topics: loadTopics(),
      concepts: loadLexicon(),
      settings,
      now: t0 + 2 * H,
    });

    const stored = createSqliteEventStore(db)
      .recentAnalyzed(0)
      .map((a) => ({ id: a.id, lead: a.lead, event: a.eventId! }));
    const batch = analyzeBatch(
      leads.map((lead, i) => ({ id: String(i + 1), title: "", lead, text: "", publishedAt: t0 + i * 60_000 })),
      {
        lexicon: loadTopics(),
        concepts: loadLexicon(),
        relevanceThreshold: settings.analysis.relevanceThreshold,
        windowHours: settings.analysis.eventWindowHours,
        lang: "vi",
        maxSummaryChars: 300,
      },
    );
    // Events as sets of leads, whatever their ids.
    const groups = (pairs: readonly { id: string; event: string }[]) => {
      const byEvent = new Map<string, string[]>();
      for (const p of pairs) byEvent.set(p.event, [...(byEvent.get(p.event) ?? []), p.id]);
      return [...byEvent.values()].map((ids) => ids.sort().join(",")).sort();
    };
    const botGroups = groups(stored.map((r) => ({ id: String(r.id), event: r.event })));
    expect(stored).toHaveLength(leads.length);
    expect(botGroups).toEqual(groups(batch.items));
    // Not a trivial agreement: some events hold several reports.
    expect(botGroups.some((g) => g.split(",").length >= 5)).toBe(true);
    db.close();
  });

  it("groups a busy day in two languages into the same events as the analyze command does", async () => {
    // The real-day set re-dated into one day: dozens of stories sharing leaders and words.
    const day = asOneDay(realDay("tune"), 1).map((i) => i.article);
    const db = openDatabase(join(tempDir(), "bantin.db"));
    createSqliteSourceStore(db).upsert([
      { id: sourceId("vi-outlet"), url: "http://127.0.0.1/vi", name: "VI", lang: "vi", fullText: false, weight: 1 },
      { id: sourceId("en-outlet"), url: "http://127.0.0.1/en", name: "EN", lang: "en", fullText: false, weight: 1 },
    ]);
    createSqliteItemStore(db).insertBatch(
      day.map((a) => ({
        sourceId: sourceId(a.lang === "en" ? "en-outlet" : "vi-outlet"),
        guid: a.id,
        url: `http://127.0.0.1/${a.id}`,
        title: a.title,
        lead: a.lead,
        text: "",
        lang: a.lang ?? "vi",
        publishedAt: a.publishedAt!,
        fetchedAt: a.publishedAt!,
        contentHash: contentHash(a.title, a.lead),
      })),
    );
    const settings = loadSettings("absent.yaml");
    const last = Math.max(...day.map((a) => a.publishedAt!));
    await analyzePending({
      store: portOf(createSqliteEventStore(db)),
      topics: loadTopics(),
      concepts: loadLexicon(),
      settings,
      now: last + H,
    });
    const stored = db
      .prepare("SELECT i.guid AS id, ei.event_id AS event FROM items i JOIN event_items ei ON ei.item_id = i.id")
      .all() as { id: string; event: string }[];
    // The store hands items to analysis oldest first; the command gets them in that order too.
    const batch = analyzeBatch(
      [...day].sort((a, b) => a.publishedAt! - b.publishedAt!),
      {
        lexicon: loadTopics(),
        concepts: loadLexicon(),
        relevanceThreshold: settings.analysis.relevanceThreshold,
        windowHours: settings.analysis.eventWindowHours,
        lang: "vi",
        maxSummaryChars: 300,
      },
    );
    const groups = (pairs: readonly { id: string; event: string }[]) => {
      const byEvent = new Map<string, string[]>();
      for (const p of pairs) byEvent.set(p.event, [...(byEvent.get(p.event) ?? []), p.id]);
      return [...byEvent.values()].map((ids) => ids.sort().join(",")).sort();
    };
    expect(stored).toHaveLength(day.length);
    expect(groups(stored)).toEqual(groups(batch.items));
    // Some events join reports in both languages.
    const lang = new Map(day.map((a) => [a.id, a.lang]));
    expect(groups(stored).some((g) => new Set(g.split(",").map((id) => lang.get(id))).size === 2)).toBe(true);
    db.close();
  });

  it("merges two stored events when a later report shows they are one story, across a restart", async () => {
    const { db, add } = seed(join(tempDir(), "bantin.db"));
    const t0 = Date.UTC(2019, 10, 6);
    const deps = {
      store: portOf(createSqliteEventStore(db)),
      topics: loadTopics(),
      concepts: loadLexicon(),
      settings: loadSettings("absent.yaml"),
      now: t0 + 2 * H,
    };
    add("vov", "Đặc phái viên Mark Lambert tới Moscow dự hội nghị", "", t0);
    add("vov", "Giá vàng hôm nay giảm mạnh", "", t0 + H);
    add("tg", "Ông Jo Chol-su rời Bình Nhưỡng", "", t0 + H);
    await analyzePending(deps);
    const eventOf = () =>
      createSqliteEventStore(db)
        .recentAnalyzed(0)
        .sort((a, b) => a.id - b.id)
        .map((a) => a.eventId!);
    const [lambert, gold, jo] = eventOf();
    expect(new Set([lambert, gold, jo]).size).toBe(3);

    add(
      "tg",
      "Mark Lambert gặp Jo Chol-su tại Moscow sau khi ông Jo Chol-su rời Bình Nhưỡng dự hội nghị",
      "",
      t0 + 5 * H,
    );
    await analyzePending({ ...deps, now: t0 + 6 * H });
    const after = eventOf();
    expect(after[0]).toBe(after[2]);
    expect(after[3]).toBe(after[0]);
    expect(after[1]).toBe(gold);
    const absorbed = [lambert, jo].find((id) => id !== after[0])!;
    expect(db.prepare("SELECT id FROM events WHERE id = ?").get(absorbed)).toBeUndefined();
    expect(db.prepare("SELECT into_id FROM event_merges WHERE from_id = ?").get(absorbed)).toEqual({
      into_id: after[0],
    });
    const merged = db.prepare("SELECT item_count, outlet_count FROM events WHERE id = ?").get(after[0]);
    expect(merged).toEqual({ item_count: 3, outlet_count: 2 });
    db.close();
  });
});
