import { type APIInteraction, InteractionResponseType, MessageFlags, type REST, Routes } from "discord.js";
import type { CommandCore } from "../../chat/index.js";
import type { Logger, Topic } from "../../domain/index.js";
import type { DiscordMessageBody } from "./discord-payload.js";
import { readInteraction } from "./interaction-input.js";
import { type RenderDiscordDigest, replyMessages } from "./reply-messages.js";
import { langOfLocale, topicChoices } from "./topic-autocomplete.js";

export interface InteractionHandlerDeps {
  readonly rest: REST;
  readonly applicationId: string;
  readonly core: CommandCore;
  readonly topics: readonly Topic[];
  readonly renderDigest: RenderDiscordDigest;
  readonly logger: Logger;
}

/** Commands that may take longer than Discord's 3 s to answer: acknowledged first, answered after. */
const SLOW_COMMANDS: ReadonlySet<string> = new Set(["digest", "search"]);

/** Shown when the chat core has nothing to say (a throttled member): Discord needs some answer. */
const SILENT_ANSWER: DiscordMessageBody = { content: "⏳" };

/**
 * Handles one interaction in Discord's raw JSON shape: the gateway's INTERACTION_CREATE payload
 * and an HTTP interaction body are the same object, so this is the one code path for both.
 * Answers through REST (interaction callback, then webhook follow-ups for further parts).
 */
export function createInteractionHandler(deps: InteractionHandlerDeps): (interaction: APIInteraction) => Promise<void> {
  const { rest, applicationId, logger } = deps;
  const callback = (i: APIInteraction, body: object) =>
    rest.post(Routes.interactionCallback(i.id, i.token), { body, auth: false });

  return async (interaction) => {
    const input = readInteraction(interaction);
    const log = logger.child({ interactionId: interaction.id, channelId: interaction.channel?.id });
    try {
      if (input.kind === "ignored") return;
      if (input.kind === "autocomplete") {
        const extra = input.command === "unsubscribe" ? [{ name: "all", value: "all" }] : [];
        const choices =
          input.option === "topic" ? topicChoices(deps.topics, input.typed, langOfLocale(input.locale), extra) : [];
        await callback(interaction, {
          type: InteractionResponseType.ApplicationCommandAutocompleteResult,
          data: { choices },
        });
        return;
      }
      const flags = input.ephemeral ? MessageFlags.Ephemeral : 0;
      const slow = SLOW_COMMANDS.has(input.command);
      if (slow)
        await callback(interaction, {
          type: InteractionResponseType.DeferredChannelMessageWithSource,
          data: { flags },
        });
      const replies = await deps.core.handle(input.text, input.ctx);
      const [first = SILENT_ANSWER, ...more] = replyMessages(replies, deps.renderDigest);
      if (slow) {
        await rest.patch(Routes.webhookMessage(applicationId, interaction.token), { body: first, auth: false });
      } else {
        await callback(interaction, {
          type: InteractionResponseType.ChannelMessageWithSource,
          data: { ...first, flags },
        });
      }
      for (const part of more) {
        await rest.post(Routes.webhook(applicationId, interaction.token), { body: { ...part, flags }, auth: false });
      }
      log.info({ command: input.command, parts: 1 + more.length }, "discord command answered");
    } catch (error) {
      // The member sees Discord's "interaction failed"; we keep the cause.
      log.error({ err: error, kind: input.kind }, "discord interaction failed");
    }
  };
}
