import { DiscordAPIError, type REST, Routes } from "discord.js";
import type { Logger } from "../../domain/index.js";
import { discordNonce } from "./discord-nonce.js";
import { type DiscordMessageBody, discordLimitViolations } from "./discord-payload.js";

/** Why Discord will never accept this delivery as it stands. */
export type DiscordPermanentReason = "missing-access" | "missing-permissions" | "unknown-channel" | "rejected-payload";

/**
 * The outcome of one delivery. `sentMessageIds` lists the parts already in the channel, in order:
 * sending again with the same `nonceBase` returns those messages instead of posting them twice.
 */
export type DiscordSendResult =
  | { readonly kind: "ok"; readonly messageIds: readonly string[] }
  | {
      readonly kind: "permanent";
      readonly reason: DiscordPermanentReason;
      /** True for missing access/permissions and unknown channel: the subscription should be deactivated. */
      readonly deactivate: boolean;
      readonly code: number;
      readonly detail: string;
      readonly sentMessageIds: readonly string[];
    }
  | { readonly kind: "transient"; readonly detail: string; readonly sentMessageIds: readonly string[] };

export interface DiscordSender {
  /**
   * Post each payload to the channel in order, with `nonce = discordNonce(nonceBase, i)` and
   * `enforce_nonce: true`. Pass the outbox row's stable key as `nonceBase`, so a retry of the
   * same delivery reuses the nonces. Never throws for Discord's answers: they are the result.
   */
  send(channelId: string, payloads: readonly DiscordMessageBody[], nonceBase: string): Promise<DiscordSendResult>;
}

const channelRefusals: Readonly<Record<number, DiscordPermanentReason>> = {
  50001: "missing-access",
  50013: "missing-permissions",
  10003: "unknown-channel",
};

/**
 * A sender on discord.js's REST client: 429s wait in its queue; 5xx and timeouts are retried
 * by it with the same body, and the nonce turns a retry of a post that did land into a no-op.
 */
export function createDiscordSender(rest: REST, logger: Logger): DiscordSender {
  return {
    async send(channelId, payloads, nonceBase) {
      const sent: string[] = [];
      for (const [part, payload] of payloads.entries()) {
        const violations = discordLimitViolations(payload);
        if (violations.length > 0) {
          // Splitting is the renderer's job; sending anyway would only earn a 400 (and an invalid-request strike).
          logger.error({ channelId, part, violations }, "discord payload over limits, not sent");
          const detail = violations.join("; ");
          return {
            kind: "permanent",
            reason: "rejected-payload",
            deactivate: false,
            code: 50035,
            detail,
            sentMessageIds: sent,
          };
        }
        const body = { ...payload, nonce: discordNonce(nonceBase, part), enforce_nonce: true };
        try {
          const message = (await rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
          sent.push(message.id);
        } catch (error) {
          return failure(error, channelId, part, sent, logger);
        }
      }
      return { kind: "ok", messageIds: sent };
    },
  };
}

function failure(error: unknown, channelId: string, part: number, sent: string[], logger: Logger): DiscordSendResult {
  if (error instanceof DiscordAPIError && error.status >= 400 && error.status < 500 && error.status !== 401) {
    const code = typeof error.code === "number" ? error.code : 0;
    const refusal = channelRefusals[code];
    const reason = refusal ?? "rejected-payload";
    logger.warn({ channelId, part, code, status: error.status, reason }, "discord refused the message");
    return {
      kind: "permanent",
      reason,
      deactivate: refusal !== undefined,
      code,
      detail: error.message,
      sentMessageIds: sent,
    };
  }
  // 5xx and timeouts after discord.js's own retries, network errors, a bad token: the next attempt may succeed.
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  logger.warn({ channelId, part, detail }, "discord send failed, will retry");
  return { kind: "transient", detail, sentMessageIds: sent };
}
