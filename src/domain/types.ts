import type { ChatPlace } from "./chat-place.js";
import type { ChatType } from "./chat-status.js";
import type { EventId, ItemId, SourceId, SubscriptionId, TopicId } from "./ids.js";

export type Lang = "vi" | "en";
export const LANGS: readonly Lang[] = ["vi", "en"];

/** A feed we read, as configured in sources.yaml. */
export interface Source {
  readonly id: SourceId;
  readonly url: string;
  readonly name: string;
  readonly lang: Lang;
  /** Fetch and extract the article page for items that pass a first relevance check. */
  readonly fullText: boolean;
  /** Editorial weight in ranking; 1 is ordinary. */
  readonly weight: number;
  /** IANA zone of dates the feed writes without one; see {@link sourceTimezone} for the default. */
  readonly tz?: string | undefined;
  /** Extra request headers for this source's feed and pages (a User-Agent an outlet accepts). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * The zone a source's zone-less dates are in: its own `tz`, else Vietnam's for a Vietnamese
 * outlet (Zing writes "2/18/2017 11:21:09 PM" in local time) and UTC for the rest.
 */
export function sourceTimezone(source: Pick<Source, "lang" | "tz">): string {
  return source.tz ?? (source.lang === "vi" ? "Asia/Ho_Chi_Minh" : "UTC");
}

/** One news article as stored: NFC text, spelled as the outlet wrote it (tone-mark style included). */
export interface Item {
  readonly id: ItemId;
  readonly sourceId: SourceId;
  readonly guid: string;
  readonly url: string;
  readonly title: string;
  /** The feed's summary or the article's first paragraph. */
  readonly lead: string;
  /** Full article text when extracted, else empty. */
  readonly text: string;
  readonly lang: Lang;
  /** Epoch milliseconds. */
  readonly publishedAt: number;
  readonly fetchedAt: number;
  readonly contentHash: string;
}

/** What analysis needs from an item; the `analyze` CLI builds these from JSON lines, the store from rows. */
export interface ArticleInput {
  readonly id: string;
  readonly title: string;
  readonly lead: string;
  readonly text: string;
  readonly url?: string | undefined;
  readonly source?: string | undefined;
  readonly lang?: Lang | undefined;
  /** Epoch milliseconds, when known. */
  readonly publishedAt?: number | undefined;
}

export interface RelevanceMatch {
  readonly term: string;
  readonly field: "title" | "lead" | "text";
  readonly topic?: TopicId | undefined;
}

export interface Relevance {
  readonly score: number;
  readonly relevant: boolean;
  readonly topics: readonly TopicId[];
  readonly matches: readonly RelevanceMatch[];
}

export interface Topic {
  readonly id: TopicId;
  readonly label: Readonly<Record<Lang, string>>;
  readonly description: Readonly<Record<Lang, string>>;
  readonly weight: number;
}

/** Each topic's editorial weight (config/topics.yaml), as digests rank by it. */
export function topicWeightsOf(
  topics: readonly { readonly id: string; readonly weight: number }[],
): Map<string, number> {
  return new Map(topics.map((t) => [t.id, t.weight]));
}

/** A weekly briefing: a day of the week (0 Sunday – 6 Saturday) and a local "HH:MM" time. */
export interface WeeklyTime {
  readonly weekday: number;
  readonly time: string;
}

/** One place's settings: a chat, or one topic of a Telegram forum (ChatPlace.threadId). */
export interface Subscription extends ChatPlace {
  readonly id: SubscriptionId;
  /** How the place is delivered to: a Discord forum gets a post per briefing. */
  readonly chatType: ChatType;
  /** Empty means all topics. */
  readonly topics: readonly TopicId[];
  /** Local times "HH:MM" in `timezone`; empty means no scheduled briefing. */
  readonly times: readonly string[];
  /** The weekly briefing (the past seven days), or null when the chat has none. */
  readonly weekly: WeeklyTime | null;
  readonly timezone: string;
  readonly lang: Lang;
  readonly alerts: boolean;
  readonly active: boolean;
}

/** One platform-neutral briefing; renderers turn it into Telegram HTML, Discord embeds or text. */
export interface DigestDocument {
  readonly lang: Lang;
  /** Header, e.g. "Thứ Bảy, 22/11/2026" — already localised. */
  readonly title: string;
  readonly entries: readonly DigestEntry[];
  readonly totals: { readonly articles: number; readonly outlets: number };
  /** Shown when there are no entries, or as a closing line. */
  readonly footer?: string | undefined;
}

export interface DigestEntry {
  readonly eventId: EventId;
  /** In the digest's language when the event was reported in it, else in `lang`. */
  readonly headline: string;
  readonly summary: string;
  /** The language of headline and summary when it is not the digest's: shown marked, never dropped. */
  readonly lang?: Lang | undefined;
  /** Each outlet once; `lang` when its reports are in another language than the digest's (marked). */
  readonly sources: readonly { readonly name: string; readonly url: string; readonly lang?: Lang | undefined }[];
  readonly articles: number;
  readonly isUpdate: boolean;
  /** The chat's watched phrase this event names, when that is why it is here (shown marked 👁). */
  readonly watched?: string | undefined;
}

export type DeliveryState = "pending" | "sending" | "sent" | "failed";

/** A value now or later: what a store answers at once on SQLite and with a Promise on PostgreSQL. */
export type Awaitable<T> = T | Promise<T>;
