import type { DeliverySender } from "../../delivery/outbox-relay.js";
import type { TelegramSender } from "./telegram-sender.js";

/**
 * The outbox relay's sender for Telegram rows: one row is one HTML part. An unknown outcome
 * (network error, 5xx) is returned as such, and the relay resends it (at-least-once). A chat
 * gone for good is returned as `permanent` with `deactivate`: the relay's outbox ends the
 * subscription together with its waiting rows.
 */
export function createTelegramDeliverySender(sender: TelegramSender): DeliverySender {
  return {
    async send(row) {
      const result =
        row.edit === undefined
          ? await sender.send(row.chatId, [row.payload], { threadId: row.threadId })
          : await sender.edit(row.chatId, Number(row.edit.messageId), row.payload);
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
