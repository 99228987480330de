import type { ChatId } from "../domain/index.js";
import type { DeliverySender } from "./outbox-relay.js";

/**
 * What the Telegram adapter's sender answers (`TelegramSendResult` in adapters/telegram), as
 * far as the relay needs it. Declared here by shape: delivery may not import the adapters.
 */
export type TelegramPartResult =
  | { readonly status: "ok"; readonly messageIds: readonly number[] }
  | { readonly status: "blocked"; readonly reason: "blocked" | "chat-not-found"; readonly description: string }
  | { readonly status: "retry-later"; readonly retryAfterMs: number }
  | { readonly status: "failed"; readonly outcome: "rejected" | "unknown"; readonly description: string };

/** The Telegram adapter's `TelegramSender`, by shape. */
export interface TelegramPartSender {
  send(chat: ChatId, htmlParts: readonly string[]): Promise<TelegramPartResult>;
}

/**
 * The outbox relay's sender for Telegram rows: one row is one HTML part. An unknown outcome
 * (network error, 5xx) is returned as such, and the relay resends it (at-least-once).
 */
export function createTelegramDeliverySender(sender: TelegramPartSender): DeliverySender {
  return {
    async send(row) {
      const result = await sender.send(row.chatId, [row.payload]);
      switch (result.status) {
        case "ok":
          return { kind: "sent", messageId: String(result.messageIds[0] ?? "") };
        case "blocked":
          return { kind: "permanent", reason: result.description, deactivate: result.reason };
        case "retry-later":
          return { kind: "transient", reason: "flood wait", retryAfterMs: result.retryAfterMs };
        case "failed":
          return result.outcome === "unknown"
            ? { kind: "unknown", reason: result.description }
            : { kind: "permanent", reason: result.description };
      }
    },
  };
}
