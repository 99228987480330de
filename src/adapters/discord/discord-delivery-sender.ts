import type { DeliverySender } from "../../delivery/outbox-relay.js";
import type { ChatGoneReason } from "../../domain/index.js";
import type { DiscordForums } from "./discord-forum.js";
import type { DiscordOutboxPart } from "./discord-payload.js";
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
export interface DiscordForumDelivery {
  readonly forums: DiscordForums;
  /** The post a forum message's first part opened (part 0's sent message id); undefined before. */
  readonly postOf: (dedupeKey: string) => string | undefined | Promise<string | undefined>;
}

/** Waits until a message to a channel may go (the replicas' shared budget); none in one process, where discord.js paces. */
export interface DiscordPacer {
  acquire(channelId: string): Promise<void>;
}

export function createDiscordDeliverySender(
  sender: DiscordSender,
  forum?: DiscordForumDelivery,
  pacer?: DiscordPacer,
): DeliverySender {
  /** A row's one message: into the channel, as a new forum post, or inside the post its first part opened. */
  const post = async (row: Parameters<DeliverySender["send"]>[0], part: DiscordOutboxPart) => {
    const { forum_post: opens, in_forum_post: inside, ...body } = part;
    if (row.edit !== undefined) {
      // A forum post's first message has the post's id, and lives in it; its later parts live in it too.
      const channel = opens !== undefined ? row.edit.messageId : inside === true ? row.edit.firstPartId : row.chatId;
      return channel === undefined ? undefined : sender.edit(channel, row.edit.messageId, body);
    }
    if (forum !== undefined && opens !== undefined) return forum.forums.openPost(row.chatId, opens, body);
    if (inside === true) {
      const thread = await forum?.postOf(row.dedupeKey);
      if (thread === undefined) return undefined;
      return sender.send(thread, [body], String(row.id));
    }
    return sender.send(row.chatId, [body], String(row.id));
  };
  return {
    async send(row) {
      let part: DiscordOutboxPart;
      try {
        part = JSON.parse(row.payload) as DiscordOutboxPart;
      } catch {
        return { kind: "permanent", reason: "discord payload is not JSON" };
      }
      await pacer?.acquire(row.chatId);
      const result = await post(row, part);
      if (result === undefined) return { kind: "permanent", reason: "discord forum post was never opened" };
      switch (result.kind) {
        case "ok":
          return { kind: "sent", messageId: result.messageIds[0] ?? "" };
        case "permanent": {
          // A forum post a moderator deleted is gone, not the forum: only this row ends.
          const inPost = part.in_forum_post === true || (row.edit !== undefined && part.forum_post !== undefined);
          const cause = inPost && result.reason === "unknown-channel" ? undefined : deactivation[result.reason];
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
