import { createStoryThreads } from "../analyze/story-thread.js";
import { type CommandCore, createCommandCore, type OnDemandDigestRequest } from "../chat/index.js";
import type { Env, Settings } from "../config/index.js";
import type { Concept, DigestDocument, Logger, Topic } from "../domain/index.js";
import type { AppStores } from "./app-stores.js";

export interface CoreWiring {
  readonly stores: AppStores;
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

/** The command core on the real store, shared by every adapter of one process. */
export function buildCommandCore(w: CoreWiring): CommandCore {
  return createCommandCore({
    subscriptions: w.stores.subscriptions,
    search: w.stores.search,
    filters: w.stores.filters,
    stories: w.stores.stories,
    storyThread: {
      earlier: createStoryThreads(w.concepts).earlier,
      minRelevance: w.settings.analysis.relevanceThreshold,
    },
    sourceHealth: w.stores.sourceHealth,
    topics: w.topics,
    composeDigest: w.composeDigest,
    defaults: { lang: w.env.BANTIN_LANG, since: w.settings.digest.defaultSince },
    now: w.now ?? Date.now,
    logger: w.logger.child({ module: "chat" }),
    ...(w.rateLimited ? {} : { rateLimit: "off" as const }),
  });
}
