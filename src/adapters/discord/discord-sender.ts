import { type REST, Routes } from "discord.js";
import type { Logger } from "../../domain/index.js";
import { type DiscordFailure, discordFailureDescriber } from "./discord-answer.js";
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
  /** Replaces a sent message's content and embeds (PATCH); an edit notifies nobody. */
  edit(channelId: string, messageId: string, payload: DiscordMessageBody): Promise<DiscordSendResult>;
}

const channelRefusals: Readonly<Record<number, DiscordPermanentReason>> = {
  50001: "missing-access",
  50013: "missing-permissions",
  10003: "unknown-channel",
};

/** How warnings name the call, without the channel (a field of its own). */
const ROUTE = "POST /channels/:id/messages";

/** Where a failed send was going, for the warning it logs. */
export interface FailedCall {
  readonly route: string;
  readonly channelId: string;
  readonly part: number;
}

/**
 * A sender on discord.js's REST client: 429s wait in its queue; 5xx and timeouts are retried
 * by it with the same body, and the nonce turns a retry of a post that did land into a no-op.
 */
export function createDiscordSender(rest: REST, logger: Logger): DiscordSender {
  const describe = discordFailureDescriber(rest);
  return {
    async edit(channelId, messageId, payload) {
      const call = { route: "PATCH /channels/:id/messages/:message", channelId, part: 0 };
      const refused = overLimits(payload, [], logger, channelId, 0);
      if (refused !== undefined) return refused;
      const path = Routes.channelMessage(channelId, messageId);
      try {
        // Both fields, so an edit from embeds to text (or back) leaves nothing of the old message.
        await rest.patch(path, { body: { content: payload.content ?? "", embeds: payload.embeds ?? [] } });
        return { kind: "ok", messageIds: [messageId] };
      } catch (error) {
        return discordSendFailure(describe(error, { method: "PATCH", path }), call, [], logger);
      }
    },
    async send(channelId, payloads, nonceBase) {
      const sent: string[] = [];
      for (const [part, payload] of payloads.entries()) {
        const refused = overLimits(payload, sent, logger, channelId, part);
        if (refused !== undefined) return refused;
        const body = { ...payload, nonce: discordNonce(nonceBase, part), enforce_nonce: true };
        const path = Routes.channelMessages(channelId);
        let message: unknown;
        try {
          message = await rest.post(path, { body });
        } catch (error) {
          return discordSendFailure(
            describe(error, { method: "POST", path }),
            { route: ROUTE, channelId, part },
            sent,
            logger,
          );
        }
        const id = (message as { id?: unknown } | null)?.id;
        if (typeof id !== "string") {
          // A success status with something else (a proxy's page): the post may or may not have
          // landed, and only a retry with the same nonce finds out without posting twice.
          const answer = "an answer that is not a Discord message";
          const call = { route: ROUTE, channelId, part };
          return discordSendFailure({ status: undefined, code: undefined, answer }, call, sent, logger);
        }
        sent.push(id);
      }
      return { kind: "ok", messageIds: sent };
    },
  };
}

/**
 * A message over Discord's limits is not sent: splitting is the renderer's job, and sending
 * anyway would only earn a 400 (and an invalid-request strike). Undefined when it may go.
 */
function overLimits(
  payload: DiscordMessageBody,
  sent: readonly string[],
  logger: Logger,
  channelId: string,
  part: number,
): DiscordSendResult | undefined {
  const violations = discordLimitViolations(payload);
  if (violations.length === 0) return undefined;
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

/**
 * Discord's own refusal of a 4xx (its JSON error, with a code) is final for this message; 401 is
 * our token, not the message. Everything else may pass on a later attempt: a 5xx or timeout
 * after discord.js's retries, no answer at all, or an answer that is not Discord's (a proxy's
 * page, an empty body), which says nothing about the message.
 */
export function discordSendFailure(
  failed: DiscordFailure,
  call: FailedCall,
  sent: readonly string[],
  logger: Logger,
): Exclude<DiscordSendResult, { kind: "ok" }> {
  const { status, code, answer } = failed;
  if (code !== undefined && status !== undefined && status >= 400 && status < 500 && status !== 401) {
    const refusal = channelRefusals[code];
    const reason = refusal ?? "rejected-payload";
    logger.warn({ ...call, code, status, reason, answer }, "discord refused the message");
    return { kind: "permanent", reason, deactivate: refusal !== undefined, code, detail: answer, sentMessageIds: sent };
  }
  logger.warn({ ...call, answer }, "discord send failed, will retry");
  return { kind: "transient", detail: answer, sentMessageIds: sent };
}
