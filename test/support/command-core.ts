import {
  type CommandCore,
  type CommandCoreDeps,
  createCommandCore,
  type OnDemandDigestRequest,
} from "../../src/chat/index.js";
import type { DigestDocument } from "../../src/domain/index.js";
import { createSqliteChatFilterStore } from "../../src/store/chat-filters-repo.js";
import type { Db } from "../../src/store/database.js";
import { createSqliteSearchRepo } from "../../src/store/search-repo.js";
import { createSqliteSourceHealthRepo } from "../../src/store/source-health-repo.js";
import { createSqliteStoryRepo } from "../../src/store/story-repo.js";
import { TOPICS } from "./chat-fixtures.js";

/** A digest with no entries under `title`, in the asked language: for tests of everything but the digest. */
export const emptyDigest =
  (title: string) =>
  (request: OnDemandDigestRequest): DigestDocument => ({
    lang: request.lang,
    title,
    entries: [],
    totals: { articles: 0, outlets: 0 },
  });

/**
 * The command core on a real store, as the composition root wires it, with the test topics, an
 * empty digest, Vietnamese defaults and the wall clock unless the test says otherwise.
 */
export function commandCoreOn(
  db: Db,
  deps: Pick<CommandCoreDeps, "subscriptions"> & Partial<CommandCoreDeps>,
): CommandCore {
  return createCommandCore({
    search: createSqliteSearchRepo(db),
    filters: createSqliteChatFilterStore(db),
    stories: createSqliteStoryRepo(db),
    sourceHealth: createSqliteSourceHealthRepo(db),
    topics: TOPICS,
    composeDigest: emptyDigest("Bản tin"),
    defaults: { lang: "vi", since: "24h" },
    now: Date.now,
    ...deps,
  });
}
