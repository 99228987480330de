import type { DiscordForumPost, DiscordOutboxPart } from "../adapters/discord/discord-payload.js";
import { renderDiscordMessages } from "../adapters/discord/render-discord.js";
import { renderTelegramHtml } from "../adapters/telegram/render-digest-html.js";
import { renderPlainText } from "../digest/index.js";
import type { DigestDocument, DigestWindow, Platform, Subscription } from "../domain/index.js";
import type { BuildAlert } from "../schedule/alert-pass.js";
import type { BuildBriefing, BuiltMessage } from "../schedule/briefing-tick.js";
import { alertDocument } from "./alert-document.js";

/**
 * A document as outbox payloads for one platform: Telegram HTML parts, Discord message bodies
 * as JSON (what `createDiscordDeliverySender` parses), or one plain-text part for the console.
 * Given `forumPost`, the Discord message opens a post of that title in a forum channel.
 */
export function platformParts(platform: Platform, doc: DigestDocument, forumPost?: DiscordForumPost): string[] {
  switch (platform) {
    case "telegram":
      return renderTelegramHtml(doc);
    case "discord":
      return renderDiscordMessages(doc).map((message, part) => {
        const inForum: DiscordOutboxPart =
          forumPost === undefined
            ? message
            : part === 0
              ? { ...message, forum_post: forumPost }
              : { ...message, in_forum_post: true };
        return JSON.stringify(inForum);
      });
    case "console":
      return [renderPlainText(doc)];
  }
}

/** The forum tags a post asks for: its kind, in both languages, and the chat's topics. */
const POST_TAGS: Readonly<Record<"briefing" | "weekly" | "alert", readonly string[]>> = {
  briefing: ["Bản tin", "Briefing", "Digest"],
  weekly: ["Bản tin tuần", "Weekly", "Bản tin", "Briefing"],
  alert: ["Tin nóng", "Breaking", "Alert"],
};

const built = (sub: Subscription, doc: DigestDocument, post: ForumPostOf): BuiltMessage => {
  const forumPost =
    sub.platform === "discord" && sub.chatType === "forum"
      ? { name: post.name, tags: [...POST_TAGS[post.kind], ...sub.topics] }
      : undefined;
  return {
    document: JSON.stringify(doc),
    parts: platformParts(sub.platform, doc, forumPost),
    events: doc.entries.map((e) => ({ eventId: e.eventId, itemCount: e.articles })),
  };
};

/** What a forum post would be titled and tagged by: a briefing by its date, an alert by its headline. */
interface ForumPostOf {
  readonly name: string;
  readonly kind: "briefing" | "weekly" | "alert";
}

/** The window a scheduled briefing covers: a day, or the week for the weekly one. */
export type BriefingWindow = Extract<DigestWindow, "24h" | "7d">;

/**
 * The tick's briefing builder from a digest composer (e.g. `composeDigest` bound to the store):
 * compose for the subscription's topics and language, render for its platform, and list the
 * events shown so the next briefing does not repeat them.
 */
export function createBuildBriefing(
  compose: (subscription: Subscription, since: BriefingWindow, now: number) => DigestDocument | Promise<DigestDocument>,
): BuildBriefing {
  return async (sub, slot, now) => {
    const doc = await compose(sub, slot.kind === "weekly" ? "7d" : "24h", now);
    return built(sub, doc, { name: doc.title, kind: slot.kind });
  };
}

/** A briefing's parts for its chat, as the tick renders them (the edit pass compares these). */
export const briefingParts = (sub: Subscription, doc: DigestDocument): readonly string[] =>
  built(sub, doc, { name: doc.title, kind: "briefing" }).parts;

/** The alert builder: a one-entry document in the chat's language, rendered for its platform. */
export const buildAlert: BuildAlert = (sub, event) => {
  const doc = alertDocument(event, sub.lang);
  const message = built(sub, doc, { name: doc.entries[0]?.headline ?? doc.title, kind: "alert" });
  return { ...message, events: [{ eventId: event.eventId, itemCount: event.itemCount }] };
};
