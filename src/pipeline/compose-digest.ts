import type Database from "better-sqlite3";
import type { OnDemandDigestRequest } from "../chat/index.js";
import { buildDigest, DEFAULT_MAX_ENTRIES, type DigestRequest } from "../digest/index.js";
import { type Concept, DIGEST_WINDOW_MS, type DigestDocument } from "../domain/index.js";
import type { ChatFilterStore } from "../store/chat-filters-repo.js";
import { createSqliteDigestSource, type DigestSource } from "../store/digest-repo.js";
import type { EitherStore } from "../store/port.js";
import { chatFilterMatcher } from "./chat-filters.js";

/**
 * What a digest is for: one subscriber's topics, language and zone, over a window ending now
 * (`since`: the last briefing, or now − 24h/3d/7d on demand). With a subscription id, events it
 * was already sent are skipped unless they grew.
 */
export type ComposeDigestRequest = Omit<DigestRequest, "alreadySent"> & {
  readonly subscriptionId?: number | undefined;
};

/** The pure digest module's request for a composed one, given what the subscription was already sent. */
function digestRequestOf(request: ComposeDigestRequest, alreadySent: ReadonlyMap<string, number> | undefined) {
  return {
    topics: request.topics,
    lang: request.lang,
    timezone: request.timezone,
    since: request.since,
    maxEntries: request.maxEntries ?? DEFAULT_MAX_ENTRIES,
    alreadySent,
    topicWeights: request.topicWeights,
    minRelevance: request.minRelevance ?? 0,
    filters: request.filters,
  };
}

const windowOf = (request: ComposeDigestRequest, now: number) => ({
  since: request.since,
  until: now,
  lang: request.lang,
  minRelevance: request.minRelevance ?? 0,
});

/**
 * The digest document a subscriber gets now, straight from the store: candidates selected in
 * SQL by window and relevance, then ranked and cut by the pure digest module. The `digest`
 * CLI, the /digest chat command and scheduled briefings all come through here.
 */
export function composeDigest(db: Database.Database, request: ComposeDigestRequest, now: number): DigestDocument {
  const source = createSqliteDigestSource(db);
  const candidates = source.eventsInWindow(windowOf(request, now));
  const sent = request.subscriptionId === undefined ? undefined : source.sentEvents(request.subscriptionId);
  return buildDigest(candidates, digestRequestOf(request, sent), now);
}

/** The same digest from either store's digest source (PostgreSQL's is asynchronous). */
export async function composeDigestFrom(
  source: EitherStore<DigestSource>,
  request: ComposeDigestRequest,
  now: number,
): Promise<DigestDocument> {
  const candidates = await source.eventsInWindow(windowOf(request, now));
  const sent = request.subscriptionId === undefined ? undefined : await source.sentEvents(request.subscriptionId);
  return buildDigest(candidates, digestRequestOf(request, sent), now);
}

export interface OnDemandDigestDefaults {
  readonly timezone: string;
  readonly minRelevance: number;
  readonly maxEntries?: number | undefined;
  readonly topicWeights?: ReadonlyMap<string, number> | undefined;
  /** The bilingual lexicon: a chat's watch on one spelling of a name matches all of them. */
  readonly concepts?: readonly Concept[] | undefined;
}

/**
 * The chat core's `composeDigest` dependency over a store: /digest in a chat uses the chat's
 * zone when it has a subscription. On demand, nothing is held back as already sent: the reader
 * asked to see the window.
 */
export function createOnDemandDigestComposer(
  stores: { readonly digest: EitherStore<DigestSource>; readonly filters: EitherStore<Pick<ChatFilterStore, "list">> },
  defaults: OnDemandDigestDefaults,
): (request: OnDemandDigestRequest, now: number) => Promise<DigestDocument> {
  return async (request, now) =>
    composeDigestFrom(
      stores.digest,
      {
        topics: request.topics,
        lang: request.lang,
        timezone: request.subscription?.timezone ?? defaults.timezone,
        since: now - DIGEST_WINDOW_MS[request.since],
        maxEntries: defaults.maxEntries,
        minRelevance: defaults.minRelevance,
        topicWeights: defaults.topicWeights,
        filters: await chatFilterMatcher(stores.filters, request.subscription?.id, defaults.concepts ?? []),
      },
      now,
    );
}
