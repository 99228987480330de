import type { ChatPlace, ChatType, DigestDocument, Lang, StrongSignal, TopicId } from "../domain/index.js";
import type { ErrorKey, MessageKey } from "./i18n.js";

/** Kept for chat/index.ts's public surface; the type lives in domain (chat-status.ts). */
export type { ChatType } from "../domain/index.js";

/** Who sent a message, and where: everything a command needs to know about the platform. */
/** Whether the user administers the chat, or that the platform could not tell. */
export type AdminStatus = boolean | "unknown";

/** The place (chat, or forum topic) is what commands configure: ChatPlace's fields. */
export interface ChatContext extends ChatPlace {
  readonly userId: string;
  readonly chatType: ChatType;
  /**
   * Asked only when a group setting changes, so platforms can look it up lazily (and cache it).
   * "unknown" when the platform could not say (its member lookup failed): treated as no admin.
   */
  readonly isAdmin: () => Promise<AdminStatus>;
  /** The user's interface language as the platform reports it (e.g. Telegram's language_code). */
  readonly language?: string | undefined;
}

export type ReplyParams = Readonly<Record<string, string | number>>;

export interface TopicState {
  readonly id: TopicId;
  readonly label: string;
  readonly description: string;
  readonly subscribed: boolean;
}

export interface SearchHit {
  readonly headline: string;
  readonly url: string;
  readonly source: string;
  readonly publishedAt: number;
  readonly articles: number;
  /** The event the hit belongs to, when the item was clustered into one. */
  readonly eventId?: string | undefined;
}

/** One report in a story's timeline, with what it added to the story. */
export interface StoryLine {
  /** "22/11 07:05", in the chat's zone. */
  readonly when: string;
  readonly outlet: string;
  /** Set when the report is in the other language than the chat's (shown marked). */
  readonly lang?: Lang | undefined;
  readonly title: string;
  readonly url: string;
  /** An outlet first heard in this report (never on the first report). */
  readonly newOutlet: boolean;
  /** Happenings this report is the first to name (never on the first report). */
  readonly newSignals: readonly StrongSignal[];
}

/** An earlier event of a story's thread, as /story lists it under the timeline. */
export interface EarlierEventLine {
  /** "20/02", in the chat's zone: the day it began. */
  readonly when: string;
  /** In the chat's language when the event was reported in it. */
  readonly headline: string;
  readonly reports: number;
  readonly outlets: number;
  /** The specific names it shares with the story, in the chat's language ("Choe Son-hui"). */
  readonly shared: readonly string[];
}

export interface SourceLine {
  readonly name: string;
  readonly health: "ok" | "failing" | "paused" | "never-fetched";
  readonly lastSuccessAt: number | null;
  readonly lastError: string | null;
}

/**
 * What a command answers, before any platform formatting: Telegram, Discord and the console
 * each turn it into their own text. Texts are keys into i18n, so every platform says the same.
 */
export type Reply =
  | { readonly kind: "text"; readonly lang: Lang; readonly key: MessageKey; readonly params?: ReplyParams }
  | { readonly kind: "error"; readonly lang: Lang; readonly key: ErrorKey; readonly params?: ReplyParams }
  | { readonly kind: "help"; readonly lang: Lang; readonly intro: boolean }
  | {
      readonly kind: "topics";
      readonly lang: Lang;
      readonly topics: readonly TopicState[];
      /** True when the chat receives briefings at all. */
      readonly active: boolean;
    }
  | { readonly kind: "digest"; readonly doc: DigestDocument }
  | { readonly kind: "search"; readonly lang: Lang; readonly query: string; readonly hits: readonly SearchHit[] }
  | { readonly kind: "sources"; readonly lang: Lang; readonly sources: readonly SourceLine[] }
  | {
      readonly kind: "story";
      readonly lang: Lang;
      readonly headline: string;
      readonly lines: readonly StoryLine[];
      /** Earlier events of the same thread, strongest tie first; none when it has none. */
      readonly earlier?: readonly EarlierEventLine[] | undefined;
    }
  | {
      readonly kind: "status";
      readonly lang: Lang;
      readonly active: boolean;
      readonly topics: readonly string[];
      readonly times: readonly string[];
      /** "Chủ Nhật 19:00" in the chat's language; null without a weekly briefing. */
      readonly weekly: string | null;
      readonly timezone: string;
      readonly alerts: boolean;
      /** "HH:MM, Thứ Bảy, 22/11/2026" style, already in the chat's timezone; null when unscheduled. */
      readonly nextBriefing: string | null;
      readonly lastIngestAt: number | null;
      readonly now: number;
    };
