import type { TopicId } from "./ids.js";

/**
 * A change to what a chat follows, as the topic commands ask for it. The store applies it to the
 * row as it is at that moment, in one transaction, so two commands for one chat handled at once
 * (two replicas, two admins) cannot each read the old list and lose the other's change.
 */
export type TopicChange =
  /** /subscribe with topics: these join an explicit list (a chat following everything starts one). */
  | { readonly kind: "follow"; readonly topics: readonly TopicId[] }
  /** /unsubscribe with topics: these leave what the chat follows. */
  | { readonly kind: "unfollow"; readonly topics: readonly TopicId[] }
  /** A tap on a topic button: followed if it was not, else dropped. */
  | { readonly kind: "toggle"; readonly topic: TopicId }
  /** /subscribe alone: everything. */
  | { readonly kind: "all" }
  /** /unsubscribe alone (or "all"): nothing; the chat is turned off. */
  | { readonly kind: "none" };

/** What the store keeps of a chat's following: whether it is on, and its list ([] = every topic). */
export interface Following {
  readonly active: boolean;
  readonly topics: readonly TopicId[];
}

/** The topics a chat receives: none when off, every topic when its list is empty. */
export function followedTopics(sub: Following | undefined, all: readonly TopicId[]): TopicId[] {
  if (sub === undefined || !sub.active) return [];
  return sub.topics.length === 0 ? [...all] : [...sub.topics];
}

/**
 * The chat's following after a change. Following nothing turns the chat off (its list is kept);
 * following every topic is stored as the empty list, so topics added later reach it too.
 */
export function applyTopicChange(sub: Following, change: TopicChange, all: readonly TopicId[]): Following {
  const next = nextTopics(sub, change, all);
  if (next.length === 0) return { active: false, topics: sub.topics };
  const coversAll = all.every((t) => next.includes(t));
  return { active: true, topics: coversAll ? [] : next };
}

function nextTopics(sub: Following, change: TopicChange, all: readonly TopicId[]): TopicId[] {
  switch (change.kind) {
    case "all":
      return [...all];
    case "none":
      return [];
    case "follow": {
      const current = sub.active && sub.topics.length > 0 ? sub.topics : [];
      return [...new Set([...current, ...change.topics])];
    }
    case "unfollow":
      return followedTopics(sub, all).filter((t) => !change.topics.includes(t));
    case "toggle": {
      const current = followedTopics(sub, all);
      return current.includes(change.topic) ? current.filter((t) => t !== change.topic) : [...current, change.topic];
    }
  }
}
