import { CHAT_FILTER_LIMITS, type ChatFilter, type ChatFilterKind, type SubscriptionId } from "../domain/index.js";
import type { Db } from "./database.js";

/** A filter as the chat commands write it: the phrase as typed and its folded matching key. */
export interface NewChatFilter extends ChatFilter {
  readonly key: string;
}

export type AddFilterResult = "added" | "exists" | "full";

/** Each chat's watches and mutes, at most CHAT_FILTER_LIMITS.perKind of each. */
export interface ChatFilterStore {
  /** Oldest first. */
  list(subscription: SubscriptionId, kind?: ChatFilterKind): ChatFilter[];
  /** One statement, so two quick commands cannot together pass the limit. */
  add(subscription: SubscriptionId, filter: NewChatFilter, now: number): AddFilterResult;
  /** Whether a filter with this key was there. */
  remove(subscription: SubscriptionId, kind: ChatFilterKind, key: string): boolean;
  /** How many there were. */
  removeAll(subscription: SubscriptionId, kind: ChatFilterKind): number;
}

export function createSqliteChatFilterStore(db: Db): ChatFilterStore {
  const listAll = db.prepare<[number], ChatFilter>(
    "SELECT kind, phrase FROM chat_filters WHERE subscription_id = ? ORDER BY created_at, rowid",
  );
  const listKind = db.prepare<[number, string], ChatFilter>(
    "SELECT kind, phrase FROM chat_filters WHERE subscription_id = ? AND kind = ? ORDER BY created_at, rowid",
  );
  const insert = db.prepare(
    `INSERT INTO chat_filters (subscription_id, kind, match_key, phrase, created_at)
     SELECT @sub, @kind, @key, @phrase, @now
      WHERE (SELECT COUNT(*) FROM chat_filters WHERE subscription_id = @sub AND kind = @kind) < @max
     ON CONFLICT (subscription_id, kind, match_key) DO NOTHING`,
  );
  const exists = db.prepare<[number, string, string], { one: number }>(
    "SELECT 1 AS one FROM chat_filters WHERE subscription_id = ? AND kind = ? AND match_key = ?",
  );
  const removeOne = db.prepare("DELETE FROM chat_filters WHERE subscription_id = ? AND kind = ? AND match_key = ?");
  const removeKind = db.prepare("DELETE FROM chat_filters WHERE subscription_id = ? AND kind = ?");
  return {
    list: (sub, kind) => (kind === undefined ? listAll.all(sub) : listKind.all(sub, kind)),
    add(sub, f, now) {
      const max = CHAT_FILTER_LIMITS.perKind;
      const added = insert.run({ sub, kind: f.kind, key: f.key, phrase: f.phrase, now, max }).changes > 0;
      if (added) return "added";
      return exists.get(sub, f.kind, f.key) === undefined ? "full" : "exists";
    },
    remove: (sub, kind, key) => removeOne.run(sub, kind, key).changes > 0,
    removeAll: (sub, kind) => removeKind.run(sub, kind).changes,
  };
}
