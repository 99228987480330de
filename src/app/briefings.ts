import type { Lexicon } from "../analyze/lexicon.js";
import type { Env, Settings } from "../config/index.js";
import { createOutboxRelay, type DeliverySender } from "../delivery/outbox-relay.js";
import { type Concept, DIGEST_WINDOW_MS, type Logger, type Platform, topicWeightsOf } from "../domain/index.js";
import { chatFilterMatcher } from "../pipeline/chat-filters.js";
import { composeDigestFrom } from "../pipeline/compose-digest.js";
import type { NewsPipeline } from "../pipeline/news-pipeline.js";
import { briefingParts, buildAlert, createBuildBriefing } from "../pipeline/platform-parts.js";
import { runEditPass } from "../schedule/edit-pass.js";
import { type RunningScheduler, startScheduler } from "../schedule/scheduler.js";
import type { AppStores } from "./app-stores.js";

export interface BriefingDeps {
  readonly stores: AppStores;
  readonly env: Env;
  readonly settings: Settings;
  readonly lexicon: Lexicon;
  /** The bilingual lexicon: watches match every spelling of a name. */
  readonly concepts: readonly Concept[];
  readonly pipeline: NewsPipeline;
  readonly logger: Logger;
  /** One sender per platform this process delivers to (console, telegram…). */
  readonly senders: Partial<Record<Platform, DeliverySender>>;
  readonly now?: () => number;
  /** False when `start` has just refreshed the news itself. */
  readonly ingestOnStart?: boolean;
}

/**
 * The bot's clock for this process: periodic ingest + analyze + alerts, a briefing tick every
 * minute, and the outbox relay delivering to the given platforms.
 */
export function startBriefings(deps: BriefingDeps): RunningScheduler {
  const { stores, settings, lexicon } = deps;
  const now = deps.now ?? Date.now;
  const { outbox } = stores;
  const topicWeights = topicWeightsOf(lexicon.topics);
  const filtersFor = (sub: { readonly id: Parameters<typeof chatFilterMatcher>[1] }) =>
    chatFilterMatcher(stores.filters, sub.id, deps.concepts);
  const buildBriefing = createBuildBriefing(async (sub, window, at) =>
    composeDigestFrom(
      stores.digest,
      {
        topics: sub.topics,
        lang: sub.lang,
        timezone: sub.timezone,
        since: at - DIGEST_WINDOW_MS[window],
        maxEntries: settings.digest.maxEntries,
        subscriptionId: sub.id,
        filters: await filtersFor(sub),
        minRelevance: settings.analysis.relevanceThreshold,
        topicWeights,
      },
      at,
    ),
  );
  const stored = stores.subscriptions;
  // A platform this run does not talk to (no token this time) gets no briefing or alert built:
  // its chats would be recorded as shown events they never received, and the rows would wait
  // out their retries. They are served again from the first slot of a run that has the platform.
  const subscriptions = {
    listActive: async () => (await stored.listActive()).filter((sub) => deps.senders[sub.platform] !== undefined),
  };
  return startScheduler({
    outbox,
    cursor: stores.cursor,
    subscriptions,
    alertEvents: stores.alertEvents,
    filtersFor,
    ingest: () => deps.pipeline.ingest(),
    analyze: () => deps.pipeline.analyze(),
    buildBriefing,
    buildAlert,
    editSent: (at) =>
      runEditPass(
        {
          edits: stores.edits,
          subscriptions,
          eventsNow: (lang, since, until) =>
            stores.digest.eventsInWindow({ since, until, lang, minRelevance: settings.analysis.relevanceThreshold }),
          render: briefingParts,
          logger: deps.logger.child({ module: "edits" }),
        },
        at,
      ),
    relay: createOutboxRelay({ outbox, senders: deps.senders, logger: deps.logger.child({ module: "relay" }), now }),
    settings,
    logger: deps.logger,
    now,
    ingestOnStart: deps.ingestOnStart ?? true,
  });
}
