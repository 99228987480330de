import type { DigestDocument, Lang, Logger, Topic, TopicId } from "../domain/index.js";
import type { FindEarlierInThread } from "../domain/story-thread.js";
import type { ChatFilterStore } from "../store/chat-filters-repo.js";
import type { EitherStore } from "../store/port.js";
import type { SearchRepo } from "../store/search-repo.js";
import type { SourceHealthRepo } from "../store/source-health-repo.js";
import type { StoryRepo } from "../store/story-repo.js";
import type { StoredSubscription, SubscriptionStore } from "../store/subscriptions-repo.js";
import type { DigestWindow } from "./arguments.js";
import type { ChatContext, Reply } from "./reply.js";
import type { TokenBucketOptions } from "./token-bucket.js";

/** What /digest asks for; the composition root turns it into the digest module's request. */
export interface OnDemandDigestRequest {
  readonly subscription: StoredSubscription | undefined;
  /** Empty means all topics. */
  readonly topics: readonly TopicId[];
  readonly since: DigestWindow;
  readonly lang: Lang;
}

/** The stores the commands use, on either store: SQLite's answer at once, PostgreSQL's later; every call is awaited. */
export interface CommandCoreDeps {
  readonly subscriptions: EitherStore<SubscriptionStore>;
  readonly search: EitherStore<SearchRepo>;
  /** Each chat's watches and mutes. */
  readonly filters: EitherStore<ChatFilterStore>;
  /** What /story numbers (the chat's last digest or alert) and each event's reports. */
  readonly stories: EitherStore<StoryRepo>;
  /**
   * How /story finds the earlier events of a story's thread: analysis reads the lexicon's names
   * (chat/ may not import analyze/), so the composition root hands it in. None: no thread shown.
   */
  readonly storyThread?: { readonly earlier: FindEarlierInThread; readonly minRelevance: number } | undefined;
  readonly sourceHealth: EitherStore<SourceHealthRepo>;
  readonly topics: readonly Topic[];
  readonly composeDigest: (request: OnDemandDigestRequest, now: number) => DigestDocument | Promise<DigestDocument>;
  readonly defaults: { readonly lang: Lang; readonly since: DigestWindow };
  readonly now: () => number;
  /** Per-user command rate; "off" for the local console, whose only user runs the bot. */
  readonly rateLimit?: TokenBucketOptions | "off";
  readonly logger?: Logger;
}

export interface CommandCore {
  /** One incoming message; the replies to send, in order (none for chatter that is not for us). */
  handle(text: string, ctx: ChatContext): Promise<Reply[]>;
  /** A tap on a topic button: flips it for this chat and answers with the updated topic list. */
  toggleTopic(topic: string, ctx: ChatContext): Promise<Reply[]>;
}
