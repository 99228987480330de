/**
 * Test data planted in a real SQLite store through the project's own repositories
 * (src/store/*-repo.ts), never with INSERT statements: a seeded row is one the application
 * could have written, and a schema change breaks the repository, not a dozen copies of its SQL.
 *
 * Each builder takes the open store and a partial description, fills the rest with plain
 * defaults, and returns the new row's id (a delivery: its digest's). Calls on one store compose:
 * an item or an event's report creates its source when missing, a digest or delivery goes to the
 * platform and chat of the subscription it names. What no repository can write (a corrupt or
 * legacy row, the schema itself) is left to the few tests listed in test/README.md.
 */
import { join } from "node:path";
import type { ChatType } from "../../src/domain/chat-status.js";
import {
  type ChatId,
  chatId,
  chatPlace,
  type DeliveryState,
  EMPTY_FETCH_STATE,
  type EventId,
  eventId,
  type Lang,
  type Platform,
  parseWeeklyTime,
  type SourceFetchState,
  type SourceId,
  type SubscriptionId,
  sourceId,
  topicId,
} from "../../src/domain/index.js";
import { type Db, openDatabase } from "../../src/store/database.js";
import { createSqliteEventStore, type StoredSummary } from "../../src/store/events-repo.js";
import { createSqliteItemStore } from "../../src/store/items-repo.js";
import { createSqliteOutboxStore, type DigestKind } from "../../src/store/outbox-repo.js";
import { createSqliteSourceStore } from "../../src/store/sources-repo.js";
import { createSqliteSubscriptionStore } from "../../src/store/subscriptions-repo.js";

/** The default moment of seeded rows: Sunday 22 November 2026, 10:00 in Hà Nội. */
export const SEED_TIME = Date.parse("2026-11-22T03:00:00Z");

/** A fresh store file `bantin.db` in `dir`, every migration applied. */
export function aStore(dir: string): Db {
  return openDatabase(join(dir, "bantin.db"));
}

export interface SourceSeed {
  readonly id?: string;
  readonly url?: string;
  readonly name?: string;
  readonly lang?: Lang;
  readonly fullText?: boolean;
  readonly weight?: number;
  /** Fetch history (health, backoff, validators), as ingest records it; the rest stays empty. */
  readonly fetch?: Partial<SourceFetchState>;
}

let sourcesMade = 0;

/** A source, as `sources add` leaves it, with the fetch history given. Throws if the id is taken. */
export function aSource(db: Db, seed: SourceSeed = {}): SourceId {
  const id = sourceId(seed.id ?? `source-${++sourcesMade}`);
  const store = createSqliteSourceStore(db);
  const added = store.add({
    id,
    url: seed.url ?? `https://${id}.example/rss`,
    name: seed.name ?? id.toUpperCase(),
    lang: seed.lang ?? "vi",
    fullText: seed.fullText ?? false,
    weight: seed.weight ?? 1,
  });
  if (!added) throw new Error(`aSource: a source "${id}" is already stored`);
  if (seed.fetch !== undefined) store.recordFetch(id, { ...EMPTY_FETCH_STATE, ...seed.fetch });
  return id;
}

/** The source `id`, created with the defaults of {@link aSource} when the store has none. */
function ensureSource(db: Db, id: string): SourceId {
  return createSqliteSourceStore(db).get(sourceId(id)) === undefined ? aSource(db, { id }) : sourceId(id);
}

export interface ItemSeed {
  /** "vne" unless given; created with {@link aSource}'s defaults when missing. */
  readonly source?: string;
  readonly guid?: string;
  readonly url?: string;
  readonly title?: string;
  readonly lead?: string;
  readonly text?: string;
  readonly lang?: Lang;
  readonly publishedAt?: number;
  /** The publication time unless given. */
  readonly fetchedAt?: number;
  /** The guid unless given: the store keeps one item per content hash. */
  readonly contentHash?: string;
}

let itemsMade = 0;

/**
 * An item as ingest stores it (not analysed yet), through the item store; returns its database
 * id. Throws when the store skipped it as a story it already holds (same guid, URL or hash).
 */
export function anItem(db: Db, seed: ItemSeed = {}): number {
  const source = ensureSource(db, seed.source ?? "vne");
  const key = seed.guid ?? `item-${++itemsMade}`;
  const url = seed.url ?? `https://${source}.example/${key}`;
  const publishedAt = seed.publishedAt ?? SEED_TIME;
  const { inserted } = createSqliteItemStore(db).insertBatch([
    {
      sourceId: source,
      guid: key,
      url,
      title: seed.title ?? `Item ${key}`,
      lead: seed.lead ?? "",
      text: seed.text ?? "",
      lang: seed.lang ?? "vi",
      publishedAt,
      fetchedAt: seed.fetchedAt ?? publishedAt,
      contentHash: seed.contentHash ?? key,
    },
  ]);
  if (inserted !== 1) throw new Error(`anItem: the store already holds this story (guid ${key}, url ${url})`);
  // The item store does not return ids; a new item is not analysed yet, so analysis's read finds it.
  const stored = createSqliteEventStore(db)
    .unanalyzed(Number.MAX_SAFE_INTEGER)
    .find((a) => a.url === url);
  if (stored === undefined) throw new Error(`anItem: ${url} was stored but cannot be read back`);
  return stored.id;
}

/** One outlet's report of an event: an item of `source` published at `at` (epoch ms). */
export interface ReportSeed extends Omit<ItemSeed, "source" | "publishedAt"> {
  readonly source: string;
  readonly at: number;
}

export interface SummarySeed {
  readonly lang: Lang;
  readonly summary: string;
  /** The headline in that language; empty (the default) falls back to the event's. */
  readonly headline?: string;
  readonly method?: string;
  readonly inputHash?: string;
  readonly createdAt?: number;
}

export interface EventSeed {
  readonly id: string;
  readonly headline?: string;
  /** The event's topics (each of its items is given them). */
  readonly topics?: readonly string[];
  /** Each item's relevance, so the event's too (its items' highest). */
  readonly relevance?: number;
  /** New items, one per report, created with {@link anItem}. */
  readonly reports?: readonly ReportSeed[];
  /** Items already stored (ids from {@link anItem}) that belong to the event. */
  readonly items?: readonly number[];
  readonly summaries?: readonly SummarySeed[];
  /** When analysis ran; the newest report's time unless given (SEED_TIME without reports). */
  readonly analyzedAt?: number;
}

/**
 * An event as analysis leaves it, through the event store: its items analysed and linked to
 * it, and its first and last seen, item and outlet counts, relevance and topics computed from
 * them; then its headline and summaries. A report's item is keyed `<event>-<n>` unless given.
 */
export function anEvent(db: Db, seed: EventSeed): EventId {
  const headline = seed.headline ?? "";
  const reported = (seed.reports ?? []).map((r, i) => {
    const { source, at, ...item } = r;
    const key = item.guid ?? `${seed.id}-${i}`;
    return anItem(db, {
      source,
      guid: key,
      url: `https://${source}.example/${key}`,
      title: `${headline} (${source})`,
      lead: "Lead.",
      publishedAt: at,
      ...item,
    });
  });
  const items = [...(seed.items ?? []), ...reported];
  if (items.length === 0) throw new Error(`anEvent: event "${seed.id}" needs at least one report or item`);
  const events = createSqliteEventStore(db);
  const times = (seed.reports ?? []).map((r) => r.at);
  const analyzedAt = seed.analyzedAt ?? (times.length > 0 ? Math.max(...times) : SEED_TIME);
  events.saveAnalyses(
    items.map((itemId) => ({
      itemId,
      relevance: seed.relevance ?? 0,
      topics: seed.topics ?? [],
      eventId: seed.id,
      analyzedAt,
    })),
  );
  const texts: StoredSummary[] = (seed.summaries ?? []).map((s) => ({
    eventId: seed.id,
    lang: s.lang,
    headline: s.headline ?? "",
    method: s.method ?? "extractive",
    inputHash: s.inputHash ?? "seed",
    summary: s.summary,
    createdAt: s.createdAt ?? analyzedAt,
  }));
  events.saveEventTexts(seed.id, headline, texts);
  return eventId(seed.id);
}

export interface SubscriptionSeed {
  readonly platform?: Platform;
  readonly chat: string;
  readonly chatType?: ChatType;
  readonly topics?: readonly string[];
  readonly times?: readonly string[];
  readonly timezone?: string;
  readonly lang?: Lang;
  readonly alerts?: boolean;
  /** "sun 19:00"; none unless given. */
  readonly weekly?: string;
  /** Subscribed (the default), or left as a chat that never subscribed. */
  readonly active?: boolean;
  /** Created and last updated at; 0 unless given. */
  readonly now?: number;
}

/**
 * A chat's subscription as /subscribe and the settings commands leave it, through the
 * subscription store: 07:00 in Hà Nội, Vietnamese, every topic, no alerts unless given.
 */
export function aSubscription(db: Db, seed: SubscriptionSeed): SubscriptionId {
  const now = seed.now ?? 0;
  const store = createSqliteSubscriptionStore(db, {
    timezone: seed.timezone ?? "Asia/Ho_Chi_Minh",
    lang: seed.lang ?? "vi",
    times: seed.times ?? ["07:00"],
  });
  const platform = seed.platform ?? "telegram";
  const chat = chatId(seed.chat);
  const row = store.ensure(chatPlace(platform, chat), seed.chatType ?? "private", now);
  if (seed.topics !== undefined) store.setTopics(chatPlace(platform, chat), seed.topics.map(topicId), now);
  if (seed.alerts === true) store.setAlerts(chatPlace(platform, chat), true, now);
  if (seed.weekly !== undefined) {
    const weekly = parseWeeklyTime(seed.weekly);
    if (weekly === undefined) throw new Error(`aSubscription: "${seed.weekly}" is not a weekly time`);
    store.setWeekly(chatPlace(platform, chat), weekly, now);
  }
  if (seed.active !== false) store.reactivate(chatPlace(platform, chat), now);
  return row.id;
}

/** Platform and chat of an active subscription, as the outbox needs them. */
function subscriber(db: Db, id: SubscriptionId): { platform: Platform; chatId: ChatId } {
  const sub = createSqliteSubscriptionStore(db, { timezone: "UTC", lang: "vi", times: [] })
    .listActive()
    .find((s) => s.id === id);
  if (sub === undefined) throw new Error(`store-fixtures: no active subscription ${id}`);
  return { platform: sub.platform, chatId: sub.chatId };
}

export interface DigestSeed {
  readonly subscription: SubscriptionId;
  /** The slot key; one digest per subscription and slot. */
  readonly slot?: string;
  readonly kind?: DigestKind;
  readonly document?: string;
  /** Message parts, each a delivery row; none unless given. */
  readonly parts?: readonly string[];
  /** The events it showed, recorded as shown to the subscription with their item counts then. */
  readonly events?: readonly { readonly eventId: string; readonly itemCount: number }[];
  readonly now?: number;
}

let slotsMade = 0;

/** A digest enqueued for an active subscription through the outbox store; returns the digest id. */
export function aDigest(db: Db, seed: DigestSeed): number {
  const result = createSqliteOutboxStore(db).enqueue({
    subscriptionId: seed.subscription,
    ...subscriber(db, seed.subscription),
    slot: seed.slot ?? `seed-${++slotsMade}`,
    kind: seed.kind ?? "briefing",
    document: seed.document ?? "{}",
    parts: seed.parts ?? [],
    events: (seed.events ?? []).map((e) => ({ eventId: eventId(e.eventId), itemCount: e.itemCount })),
    now: seed.now ?? 0,
  });
  if (result.status !== "created") throw new Error(`aDigest: the slot ${seed.slot} already has a digest`);
  return result.digestId;
}

export interface DeliverySeed {
  readonly subscription: SubscriptionId;
  /** Pending unless given; other states are reached the way the relay reaches them. */
  readonly state?: DeliveryState;
  readonly slot?: string;
  readonly payload?: string;
  readonly now?: number;
}

/**
 * A one-part message in the outbox (a digest and its delivery row), then claimed, sent or failed
 * through the outbox store as the relay would; returns the digest id. A row is moved by claiming
 * it, and the outbox hands out every due row, so seed pending rows after the others: this throws
 * when it meets one.
 */
export function aDelivery(db: Db, seed: DeliverySeed): number {
  const now = seed.now ?? 0;
  const digestId = aDigest(db, {
    subscription: seed.subscription,
    parts: [seed.payload ?? "{}"],
    now,
    ...(seed.slot === undefined ? {} : { slot: seed.slot }),
  });
  const state = seed.state ?? "pending";
  if (state === "pending") return digestId;
  const outbox = createSqliteOutboxStore(db);
  const [row, ...more] = outbox.claimDue(Number.MAX_SAFE_INTEGER, 2);
  if (row === undefined || more.length > 0) {
    throw new Error("aDelivery: another pending row is due too; seed pending deliveries after the others");
  }
  if (state === "sent") outbox.markSent(row.id, `message-${row.id}`, now);
  if (state === "failed") outbox.markFailed(row.id, "failed while seeding");
  return digestId;
}
