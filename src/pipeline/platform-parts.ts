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
 */
export function platformParts(platform: Platform, doc: DigestDocument): string[] {
  switch (platform) {
    case "telegram":
      return renderTelegramHtml(doc);
    case "discord":
      return renderDiscordMessages(doc).map((message) => JSON.stringify(message));
    case "console":
      return [renderPlainText(doc)];
  }
}

const built = (platform: Platform, doc: DigestDocument): BuiltMessage => ({
  document: JSON.stringify(doc),
  parts: platformParts(platform, doc),
  events: doc.entries.map((e) => ({ eventId: e.eventId, itemCount: e.articles })),
});

/** The window a scheduled briefing covers: a day, or the week for the weekly one. */
export type BriefingWindow = Extract<DigestWindow, "24h" | "7d">;

/**
 * The tick's briefing builder from a digest composer (e.g. `composeDigest` bound to the store):
 * compose for the subscription's topics and language, render for its platform, and list the
 * events shown so the next briefing does not repeat them.
 */
export function createBuildBriefing(
  compose: (subscription: Subscription, since: BriefingWindow, now: number) => DigestDocument,
): BuildBriefing {
  return (sub, slot, now) => built(sub.platform, compose(sub, slot.kind === "weekly" ? "7d" : "24h", now));
}

/** The alert builder: a one-entry document in the chat's language, rendered for its platform. */
export const buildAlert: BuildAlert = (sub, event) => {
  const message = built(sub.platform, alertDocument(event, sub.lang));
  return { ...message, events: [{ eventId: event.eventId, itemCount: event.itemCount }] };
};
