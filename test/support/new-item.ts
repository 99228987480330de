import { sourceId } from "../../src/domain/index.js";
import { contentHash, type NewItem } from "../../src/ingest/index.js";

/**
 * A feed item as ingest hands it to the store: number `n` ("Tin n", its own guid, address and
 * content), of source "a", published at `publishedAt` (1 unless given) and fetched then.
 */
export function aNewItem(n: number, extra: Partial<NewItem> = {}): NewItem {
  const title = extra.title ?? `Tin ${n}`;
  const lead = extra.lead ?? `Lời dẫn ${n}`;
  const at = extra.publishedAt ?? 1;
  return {
    sourceId: sourceId("a"),
    guid: `g${n}`,
    url: `http://127.0.0.1/${n}`,
    title,
    lead,
    text: "",
    lang: "vi",
    publishedAt: at,
    fetchedAt: at,
    contentHash: contentHash(title, lead),
    ...extra,
  };
}
