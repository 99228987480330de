import { type Reply, renderReplyText } from "../../chat/index.js";
import type { DigestDocument } from "../../domain/index.js";
import { DiscordLimits, type DiscordMessageBody } from "./discord-payload.js";

/** Turns a digest into Discord messages within the limits (renderDiscordMessages in render-discord.ts). */
export type RenderDiscordDigest = (doc: DigestDocument) => readonly DiscordMessageBody[];

/** Long text split at line boundaries into messages of at most 2000 characters. */
function textMessages(text: string): DiscordMessageBody[] {
  const out: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    for (let piece = line; ; ) {
      const room = DiscordLimits.content - (current === "" ? 0 : current.length + 1);
      if ([...piece].length <= room) {
        current = current === "" ? piece : `${current}\n${piece}`;
        break;
      }
      if (current !== "") {
        out.push(current);
        current = "";
        continue;
      }
      // A single line longer than a message: cut it (rare; a URL list, say).
      out.push(piece.slice(0, DiscordLimits.content));
      piece = piece.slice(DiscordLimits.content);
    }
  }
  if (current.trim() !== "") out.push(current);
  return out.map((content) => ({ content }));
}

/** The chat core's replies as Discord messages, in order: digests as embeds, everything else as text. */
export function replyMessages(replies: readonly Reply[], renderDigest: RenderDiscordDigest): DiscordMessageBody[] {
  return replies.flatMap((reply) =>
    reply.kind === "digest" ? [...renderDigest(reply.doc)] : textMessages(renderReplyText(reply, () => "")),
  );
}
