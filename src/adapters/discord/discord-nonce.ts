import { createHash } from "node:crypto";
import { DiscordLimits } from "./discord-payload.js";

/**
 * The nonce for one part of one outbox delivery. Deterministic, so a retry (ours or discord.js's)
 * carries the same nonce and Discord returns the message it already created. Discord checks
 * nonces per author across channels, so the key must be unique per delivery, not per chat.
 */
export function discordNonce(deliveryKey: string, part: number): string {
  const plain = `b${deliveryKey}.${part}`;
  if (plain.length <= DiscordLimits.nonce) return plain;
  // Longer keys (e.g. dedupe keys with dates) are hashed down to the 25-character limit.
  return `h${createHash("sha256")
    .update(plain)
    .digest("base64url")
    .slice(0, DiscordLimits.nonce - 1)}`;
}
