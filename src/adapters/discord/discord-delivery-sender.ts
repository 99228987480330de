import type { DeliverySender } from "../../delivery/outbox-relay.js";
import type { ChatGoneReason } from "../../domain/index.js";
import type { DiscordMessageBody } from "./discord-payload.js";
import type { DiscordPermanentReason, DiscordSender } from "./discord-sender.js";

/** Lost access or permissions is the bot being shut out; an unknown channel is gone. */
const deactivation: Readonly<Record<DiscordPermanentReason, ChatGoneReason | undefined>> = {
  "missing-access": "blocked",
  "missing-permissions": "blocked",
  "unknown-channel": "chat-not-found",
  "rejected-payload": undefined,
};

/**
 * The outbox relay's sender for Discord rows: the row's payload is the JSON body the digest
 * renderer produced for one message, and the nonce comes from the row id, so every attempt
 * at the same row carries the same nonce and Discord creates the message at most once.
 * After discord.js's own retries a 5xx, a timeout or an answer that is not Discord's (a proxy's
 * page, an empty body) is still safe to retry: `transient`, with the answer in words.
 */
export function createDiscordDeliverySender(sender: DiscordSender): DeliverySender {
  return {
    async send(row) {
      let body: DiscordMessageBody;
      try {
        body = JSON.parse(row.payload) as DiscordMessageBody;
      } catch {
        return { kind: "permanent", reason: "discord payload is not JSON" };
      }
      const result = await sender.send(row.chatId, [body], String(row.id));
      switch (result.kind) {
        case "ok":
          return { kind: "sent", messageId: result.messageIds[0] ?? "" };
        case "permanent": {
          const cause = deactivation[result.reason];
          // The detail names the status and Discord's code already: "HTTP 403, code 50013: Missing Permissions".
          const reason = `discord ${result.reason}: ${result.detail}`;
          return cause === undefined ? { kind: "permanent", reason } : { kind: "permanent", reason, deactivate: cause };
        }
        case "transient":
          return { kind: "transient", reason: result.detail };
      }
    },
  };
}
