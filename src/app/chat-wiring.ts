import { createStoryThreads } from "../analyze/story-thread.js";
import { type CommandCore, createCommandCore, type OnDemandDigestRequest } from "../chat/index.js";
import type { Env, Settings } from "../config/index.js";
import type { Concept, DigestDocument, Logger, Topic } from "../domain/index.js";
import { createSqliteChatFilterStore } from "../store/chat-filters-repo.js";
import type { Db } from "../store/database.js";
import { createSqliteSearchRepo } from "../store/search-repo.js";
import { createSqliteSourceHealthRepo } from "../store/source-health-repo.js";
import { createSqliteStoryRepo } from "../store/story-repo.js";
import { createSqliteSubscriptionStore, type SubscriptionStore } from "../store/subscriptions-repo.js";

export interface CoreWiring {
  readonly db: Db;
  readonly env: Env;
  readonly settings: Settings;
  readonly topics: readonly Topic[];
  /** The bilingual lexicon: /story links a story's thread by its specific names. */
  readonly concepts: readonly Concept[];
  readonly logger: Logger;
  readonly composeDigest: (request: OnDemandDigestRequest, now: number) => DigestDocument | Promise<DigestDocument>;
  readonly now?: () => number;
  /** False for the console, whose only user runs the bot. */
  readonly rateLimited: boolean;
}

/** The subscription store with the configured defaults for new chats. */
export function subscriptionStoreFor(db: Db, env: Env, settings: Settings): SubscriptionStore {
  return createSqliteSubscriptionStore(db, {
    timezone: env.BANTIN_TZ,
    lang: env.BANTIN_LANG,
    times: settings.schedule.defaultTimes,
  });
}

/** The command core on the real store, shared by every adapter of one process. */
export function buildCommandCore(w: CoreWiring): CommandCore {
  return createCommandCore({
    subscriptions: subscriptionStoreFor(w.db, w.env, w.settings),
    search: createSqliteSearchRepo(w.db),
    filters: createSqliteChatFilterStore(w.db),
    stories: createSqliteStoryRepo(w.db),
    storyThread: {
      earlier: createStoryThreads(w.concepts).earlier,
      minRelevance: w.settings.analysis.relevanceThreshold,
    },
    sourceHealth: createSqliteSourceHealthRepo(w.db),
    topics: w.topics,
    composeDigest: w.composeDigest,
    defaults: { lang: w.env.BANTIN_LANG, since: w.settings.digest.defaultSince },
    now: w.now ?? Date.now,
    logger: w.logger.child({ module: "chat" }),
    ...(w.rateLimited ? {} : { rateLimit: "off" as const }),
  });
}
