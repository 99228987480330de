import { join } from "node:path";
import type { Platform, SubscriptionId } from "../../src/domain/index.js";
import { subscriptionId } from "../../src/domain/index.js";
import { type Db, openDatabase } from "../../src/store/database.js";

/** A fresh store file in `dir`, every migration applied. */
export function openDeliveryDb(dir: string): Db {
  return openDatabase(join(dir, "bantin.db"));
}

export interface SubscriptionSeed {
  readonly platform?: Platform;
  readonly chat: string;
  readonly times?: readonly string[];
  readonly timezone?: string;
  readonly alerts?: boolean;
  readonly weekly?: string;
  readonly lang?: "vi" | "en";
}

/** An active subscription row, as /subscribe would leave it. */
export function addSubscription(db: Db, seed: SubscriptionSeed): SubscriptionId {
  const result = db
    .prepare(
      `INSERT INTO subscriptions (platform, chat_id, times, timezone, lang, alerts, weekly, active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, 0, 0)`,
    )
    .run(
      seed.platform ?? "telegram",
      seed.chat,
      JSON.stringify(seed.times ?? ["07:00"]),
      seed.timezone ?? "Asia/Ho_Chi_Minh",
      seed.lang ?? "vi",
      seed.alerts === true ? 1 : 0,
      seed.weekly ?? null,
    );
  return subscriptionId(Number(result.lastInsertRowid));
}

export function subscriptionState(db: Db, id: SubscriptionId): { active: number; deactivated_reason: string | null } {
  return db.prepare("SELECT active, deactivated_reason FROM subscriptions WHERE id = ?").get(id) as {
    active: number;
    deactivated_reason: string | null;
  };
}

export function deliveryRows(db: Db): {
  dedupe_key: string;
  part: number;
  state: string;
  attempts: number;
  last_error: string | null;
  platform_message_id: string | null;
}[] {
  return db
    .prepare("SELECT dedupe_key, part, state, attempts, last_error, platform_message_id FROM deliveries ORDER BY id")
    .all() as ReturnType<typeof deliveryRows>;
}

/** An event reported by one item per outlet, at the given publish times (epoch ms). */
export function addEvent(
  db: Db,
  event: {
    id: string;
    headline: string;
    topics?: readonly string[];
    reports: readonly { source: string; at: number }[];
  },
): void {
  const insertSource = db.prepare(
    "INSERT INTO sources (id, url, name, lang) VALUES (?, ?, ?, 'vi') ON CONFLICT (id) DO NOTHING",
  );
  const insertItem = db.prepare(
    `INSERT INTO items (source_id, guid, url, title, lead, lang, published_at, fetched_at, content_hash)
     VALUES (?, ?, ?, ?, ?, 'vi', ?, ?, ?)`,
  );
  const times = event.reports.map((r) => r.at);
  db.prepare(
    "INSERT INTO events (id, first_seen, last_seen, headline, topics, item_count, outlet_count) VALUES (?, ?, ?, ?, ?, ?, ?)",
  ).run(
    event.id,
    Math.min(...times),
    Math.max(...times),
    event.headline,
    JSON.stringify(event.topics ?? []),
    event.reports.length,
    new Set(event.reports.map((r) => r.source)).size,
  );
  event.reports.forEach((r, i) => {
    insertSource.run(r.source, `https://${r.source}.example/rss`, r.source.toUpperCase());
    const key = `${event.id}-${i}`;
    const item = insertItem.run(
      r.source,
      key,
      `https://${r.source}.example/${key}`,
      `${event.headline} (${r.source})`,
      "Lead.",
      r.at,
      r.at,
      key,
    );
    db.prepare("INSERT INTO event_items (event_id, item_id) VALUES (?, ?)").run(event.id, item.lastInsertRowid);
  });
}
