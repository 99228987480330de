import { join } from "node:path";
import type Database from "better-sqlite3";
import { beforeEach, describe, expect, it } from "vitest";
import { topicId } from "../../src/domain/index.js";
import { composeDigest, createOnDemandDigestComposer } from "../../src/pipeline/compose-digest.js";
import { createSqliteChatFilterStore } from "../../src/store/chat-filters-repo.js";
import { openDatabase } from "../../src/store/database.js";
import { createSqliteDigestSource } from "../../src/store/digest-repo.js";
import { cli } from "../support/cli.js";
import { aDigest, anEvent, aSource, aSubscription } from "../support/store-fixtures.js";
import { parseTelegramHtml } from "../support/telegram-html.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const HOUR = 3_600_000;
const NOW = Date.now();

interface Seeded {
  readonly db: Database.Database;
  readonly path: string;
}

/** A store with three events: a big fresh one, a small fresh one, and one outside 24 hours. */
function seed(): Seeded {
  const path = join(tempDir(), "bantin.db");
  const db = openDatabase(path);
  aSource(db, { id: "vnexpress", url: "https://vnexpress.net/rss", name: "VnExpress" });
  aSource(db, { id: "vov", url: "https://vov.vn/rss", name: "VOV" });
  aSource(db, { id: "bqt", url: "https://baoquocte.vn/rss", name: "Báo Quốc tế" });
  let n = 0;
  const report = (source: string, at: number, lead: string) => {
    n += 1;
    return { source, at, guid: `g${n}`, url: `https://${source}.vn/${n}`, title: `T${n}`, lead, contentHash: `h${n}` };
  };
  anEvent(db, {
    id: "big",
    headline: "Mỹ và Triều Tiên đàm phán tại Stockholm",
    relevance: 0.9,
    topics: ["my-trieu"],
    reports: [
      report("vnexpress", NOW - 6 * HOUR, "Lead VnExpress"),
      report("vov", NOW - 3 * HOUR, "Lead VOV"),
      report("bqt", NOW - HOUR, "Lead BQT"),
    ],
    summaries: [
      { lang: "vi", method: "extractive", inputHash: "x", summary: "Hai bên gặp nhau tại Stockholm.", createdAt: NOW },
    ],
  });
  anEvent(db, {
    id: "small",
    headline: "Hàn Quốc <b>& Nhật Bản</b> họp",
    relevance: 0.7,
    topics: ["lien-trieu"],
    reports: [report("vov", NOW - 2 * HOUR, "Lead nhỏ chưa có tóm tắt.")],
  });
  anEvent(db, {
    id: "old",
    headline: "Tin cũ",
    relevance: 0.9,
    topics: ["my-trieu"],
    reports: [report("vov", NOW - 40 * HOUR, "Cũ.")],
  });
  return { db, path };
}

describe("the SQLite digest source", () => {
  let seeded: Seeded;
  beforeEach(() => {
    seeded = seed();
    return () => seeded.db.close();
  });

  it("returns events of the window with one link per outlet, their summary or else a lead", () => {
    const rows = createSqliteDigestSource(seeded.db).eventsInWindow({
      since: NOW - 24 * HOUR,
      until: NOW,
      lang: "vi",
      minRelevance: 0.5,
    });
    const big = rows.find((r) => r.eventId === "big")!;
    expect(rows.map((r) => r.eventId).sort()).toEqual(["big", "small"]);
    expect(big.outlets.map((o) => o.name)).toEqual(["VnExpress", "VOV", "Báo Quốc tế"]);
    expect(big.summary).toBe("Hai bên gặp nhau tại Stockholm.");
    expect(big.topics).toEqual(["my-trieu"]);
    expect(rows.find((r) => r.eventId === "small")!.summary).toBe("Lead nhỏ chưa có tóm tắt.");
  });

  it("composes a ranked document, filtered by topics, skipping what a subscription already saw", () => {
    const all = composeDigest(
      seeded.db,
      { topics: [], lang: "vi", timezone: "Asia/Ho_Chi_Minh", since: NOW - 24 * HOUR },
      NOW,
    );
    expect(all.entries.map((e) => e.eventId)).toEqual(["big", "small"]);
    expect(all.totals).toEqual({ articles: 4, outlets: 3 });
    const some = composeDigest(
      seeded.db,
      { topics: [topicId("lien-trieu")], lang: "vi", timezone: "UTC", since: NOW - 24 * HOUR },
      NOW,
    );
    expect(some.entries.map((e) => e.eventId)).toEqual(["small"]);

    const subscription = aSubscription(seeded.db, { chat: "42", timezone: "UTC" });
    aDigest(seeded.db, {
      subscription,
      events: [
        { eventId: "big", itemCount: 3 },
        { eventId: "small", itemCount: 0 },
      ],
    });
    const next = composeDigest(
      seeded.db,
      { topics: [], lang: "vi", timezone: "UTC", since: NOW - 24 * HOUR, subscriptionId: subscription },
      NOW,
    );
    expect(next.entries.map((e) => [e.eventId, e.isUpdate])).toEqual([["small", true]]);
  });

  it("serves the chat core's on-demand request with the window it names", async () => {
    const stores = { digest: createSqliteDigestSource(seeded.db), filters: createSqliteChatFilterStore(seeded.db) };
    const compose = createOnDemandDigestComposer(stores, { timezone: "Asia/Ho_Chi_Minh", minRelevance: 0.5 });
    const week = await compose({ subscription: undefined, topics: [], since: "7d", lang: "en" }, NOW);
    expect(week.entries.map((e) => e.eventId)).toEqual(["big", "small", "old"]);
  });
});

describe("digest command", () => {
  let path: string;
  beforeEach(() => {
    const seeded = seed();
    seeded.db.close();
    path = seeded.path;
  });

  it("prints the digest as plain text by default, without events outside the window", async () => {
    const text = await cli(["digest", "--db", path]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("1. Mỹ và Triều Tiên đàm phán tại Stockholm");
    expect(text.stdout).not.toContain("Tin cũ");
  });

  it("prints Telegram HTML messages that Telegram accepts, with feed text escaped", async () => {
    const telegram = await cli(["digest", "--db", path, "--format", "telegram", "--since", "3d"]);
    const messages = JSON.parse(telegram.stdout) as string[];
    for (const m of messages) expect(parseTelegramHtml(m).ok).toBe(true);
    expect(messages.join("")).toContain("Hàn Quốc &lt;b&gt;&amp; Nhật Bản&lt;/b&gt;");
  });

  it("prints Discord payloads, one embed per entry", async () => {
    const discord = await cli(["digest", "--db", path, "--format", "discord", "--lang", "en"]);
    expect((JSON.parse(discord.stdout) as { embeds: unknown[] }[])[0]!.embeds).toHaveLength(2);
  });

  it("prints the JSON document, filtered by topics", async () => {
    const json = await cli(["digest", "--db", path, "--format", "json", "--topics", "lien-trieu"]);
    expect((JSON.parse(json.stdout) as { entries: unknown[] }).entries).toHaveLength(1);
  });

  it("refuses an unknown window with a clear message", async () => {
    expect((await cli(["digest", "--db", path, "--since", "soon"])).stderr).toMatch(/--since: expected 24h, 3d or 7d/);
  });

  it("refuses an unknown format with a clear message", async () => {
    expect((await cli(["digest", "--db", path, "--format", "pdf"])).stderr).toMatch(/--format/);
  });

  it("refuses an unknown topic, naming the known ones", async () => {
    expect((await cli(["digest", "--db", path, "--topics", "nope"])).stderr).toMatch(/unknown topic nope \(known: /);
  });
});
