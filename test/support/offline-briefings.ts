import { sqliteAppStores, subscriptionDefaults } from "../../src/app/app-stores.js";
import { type BriefingDeps, startBriefings } from "../../src/app/briefings.js";
import { nextBriefingAt } from "../../src/chat/index.js";
import { loadEnv, settingsSchema } from "../../src/config/index.js";
import { loadTopics } from "../../src/config/topics.js";
import { silentLogger } from "../../src/domain/index.js";
import { createNewsPipeline } from "../../src/pipeline/news-pipeline.js";
import type { RunningScheduler } from "../../src/schedule/scheduler.js";
import type { Db } from "../../src/store/database.js";

/** Half a minute after the next 07:00 in Hà Nội: the first briefing tick finds a 07:00 slot due. */
export const justAfterNext0700 = (): number =>
  (nextBriefingAt(["07:00"], "Asia/Ho_Chi_Minh", Date.now()) ?? 0) + 30_000;

/**
 * The bot's scheduler on a store, with no feeds (nothing is fetched), the bundled topics and
 * default settings, delivering through `senders`, on a clock the test sets. Started at once
 * (its first briefing tick runs); stop it when done.
 */
export function offlineBriefings(db: Db, senders: BriefingDeps["senders"], now: () => number): RunningScheduler {
  const lexicon = loadTopics();
  const env = loadEnv({ BANTIN_DB: "unused.db" });
  const settings = settingsSchema.parse({});
  const stores = sqliteAppStores(db, subscriptionDefaults(env, settings));
  return startBriefings({
    stores,
    env,
    settings,
    lexicon,
    concepts: [],
    pipeline: createNewsPipeline({
      stores: stores.news,
      env,
      sources: [],
      lexicon,
      settings,
      logger: silentLogger,
    }),
    logger: silentLogger,
    senders,
    now,
    ingestOnStart: false,
  });
}
