import { afterAll, describe, expect, it } from "vitest";
import { CHAT_FILTER_LIMITS, type SubscriptionId } from "../../src/domain/index.js";
import { type ChatFilterStore, createSqliteChatFilterStore } from "../../src/store/chat-filters-repo.js";
import { type Port, portOf } from "../../src/store/port.js";
import { createPostgresChatFilterStore } from "../../src/store/postgres/chat-filters-store.js";
import { usePostgres } from "../support/embedded-postgres.js";
import { aPostgresSubscription, migratedPool } from "../support/postgres-store.js";
import { aStore, aSubscription } from "../support/store-fixtures.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const postgres = usePostgres();
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
});

const stores: Record<string, () => Promise<{ filters: Port<ChatFilterStore>; sub: SubscriptionId }>> = {
  SQLite: async () => {
    const db = aStore(tempDir());
    return { filters: portOf(createSqliteChatFilterStore(db)), sub: aSubscription(db, { chat: "1" }) };
  },
  PostgreSQL: async () => {
    const pool = await migratedPool(await postgres.createDatabase(), 8);
    closers.push(() => pool.end());
    return { filters: createPostgresChatFilterStore(pool), sub: await aPostgresSubscription(pool, "1") };
  },
};

for (const [name, open] of Object.entries(stores)) {
  describe(`watches and mutes on ${name}`, () => {
    it("adds once per key, lists oldest first by kind, removes one or all", async () => {
      const { filters, sub } = await open();
      expect(await filters.add(sub, { kind: "watch", phrase: "Choe Son-hui", key: "choe son hui" }, 1)).toBe("added");
      expect(await filters.add(sub, { kind: "watch", phrase: "choe son hui", key: "choe son hui" }, 2)).toBe("exists");
      expect(await filters.add(sub, { kind: "watch", phrase: "Yongbyon", key: "yongbyon" }, 3)).toBe("added");
      expect(await filters.add(sub, { kind: "mute", phrase: "bóng đá", key: "bong da" }, 4)).toBe("added");
      expect(await filters.list(sub, "watch")).toEqual([
        { kind: "watch", phrase: "Choe Son-hui" },
        { kind: "watch", phrase: "Yongbyon" },
      ]);
      expect((await filters.list(sub)).map((f) => f.kind)).toEqual(["watch", "watch", "mute"]);
      expect(await filters.remove(sub, "watch", "yongbyon")).toBe(true);
      expect(await filters.remove(sub, "watch", "yongbyon")).toBe(false);
      expect(await filters.removeAll(sub, "mute")).toBe(1);
      expect(await filters.list(sub)).toEqual([{ kind: "watch", phrase: "Choe Son-hui" }]);
    });

    it("never holds more than the limit, even with many adds at once", async () => {
      const { filters, sub } = await open();
      const max = CHAT_FILTER_LIMITS.perKind;
      const results = await Promise.all(
        Array.from({ length: max + 10 }, (_, i) =>
          filters.add(sub, { kind: "mute", phrase: `p${i}`, key: `p${i}` }, i),
        ),
      );
      expect(results.filter((r) => r === "added")).toHaveLength(max);
      expect(results.filter((r) => r === "full")).toHaveLength(10);
      expect(await filters.list(sub, "mute")).toHaveLength(max);
    });
  });
}
