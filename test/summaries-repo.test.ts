import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/store/database.js";
import { createSqliteSummaryCache, summaryInputHash } from "../src/store/summaries-repo.js";
import { useTempDir } from "./support/temp-dir.js";

const tempDir = useTempDir();

describe("the summary cache", () => {
  it("returns a summary only for the input it was made from", () => {
    const db = openDatabase(join(tempDir(), "bantin.db"));
    db.prepare("INSERT INTO events (id, first_seen, last_seen) VALUES ('e1', 0, 0)").run();
    const cache = createSqliteSummaryCache(db);
    const docs = [
      { id: "2", title: "B", text: "b" },
      { id: "1", title: "A", text: "a" },
    ];
    const hash = summaryInputHash(docs);
    expect(summaryInputHash([...docs].reverse())).toBe(hash);
    cache.put("e1", "vi", "llm", hash, "Tóm tắt.", 10);
    expect(cache.get("e1", "vi", "llm", hash)).toEqual({ summary: "Tóm tắt.", inputHash: hash, createdAt: 10 });
    const grown = summaryInputHash([...docs, { id: "3", title: "C", text: "c" }]);
    expect(cache.get("e1", "vi", "llm", grown)).toBeUndefined();
    expect(cache.get("e1", "en", "llm", hash)).toBeUndefined();
    cache.put("e1", "vi", "llm", grown, "Mới.", 20);
    expect(cache.get("e1", "vi", "llm", grown)?.summary).toBe("Mới.");
    db.close();
  });
});
