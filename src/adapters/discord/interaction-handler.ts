import { type APIInteraction, InteractionResponseType, MessageFlags, type REST, Routes } from "discord.js";
import type { ChatContext, CommandCore } from "../../chat/index.js";
import { chatId, type Logger, type Topic } from "../../domain/index.js";
import { type DiscordRequest, discordFailureDescriber } from "./discord-answer.js";
import { type DiscordForums, THREAD_TYPES } from "./discord-forum.js";
import type { DiscordMessageBody } from "./discord-payload.js";
import { type InteractionInput, readInteraction } from "./interaction-input.js";
import { type RenderDiscordDigest, replyMessages } from "./reply-messages.js";
import { completesTopics } from "./slash-commands.js";
import { langOfLocale, topicChoices } from "./topic-autocomplete.js";
import { unsupportedAnswer } from "./unsupported-answer.js";

export interface InteractionHandlerDeps {
  readonly rest: REST;
  /** Tells a forum post's command from a thread's: the first configures its forum. */
  readonly forums?: Pick<DiscordForums, "isForum">;
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
 * How warnings name the calls that answer an interaction: the route's shape, never its token
 * (an interaction token lets anyone post as the bot for 15 minutes).
 */
const ROUTES = {
  callback: "POST /interactions/:id/:token/callback",
  edit: "PATCH /webhooks/:app/:token/messages/@original",
  followUp: "POST /webhooks/:app/:token",
} as const;

/** A REST call answering an interaction failed; `cause` is discord.js's error. */
class AnswerFailed extends Error {
  override readonly name = "AnswerFailed";
  constructor(
    readonly route: string,
    readonly request: DiscordRequest,
    override readonly cause: unknown,
  ) {
    super(`${route} failed`);
  }
}

/**
 * Handles one interaction in Discord's raw JSON shape: the gateway's INTERACTION_CREATE payload
 * and an HTTP interaction body are the same object, so this is the one code path for both.
 * Answers through REST (interaction callback, then webhook follow-ups for further parts).
 * Never rejects: a failed answer is one warning naming the route and Discord's answer (the
 * member sees Discord's "interaction failed"), anything else one error line.
 */
export function createInteractionHandler(deps: InteractionHandlerDeps): (interaction: APIInteraction) => Promise<void> {
  const { rest, applicationId, logger } = deps;
  const describe = discordFailureDescriber(rest);
  const call = async (route: string, method: "POST" | "PATCH", path: `/${string}`, body: object) => {
    const options = { body, auth: false };
    try {
      await (method === "POST" ? rest.post(path, options) : rest.patch(path, options));
    } catch (error) {
      throw new AnswerFailed(route, { method, path }, error);
    }
  };
  const callback = (i: APIInteraction, body: object) =>
    call(ROUTES.callback, "POST", Routes.interactionCallback(i.id, i.token), body);

  const answer = async (interaction: APIInteraction, input: InteractionInput, log: Logger) => {
    if (input.kind === "ignored") {
      log.debug({ why: input.why }, "discord interaction ignored");
      return;
    }
    if (input.kind === "unsupported") {
      const content = unsupportedAnswer(input.what, langOfLocale(input.locale));
      await callback(interaction, {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { content, flags: MessageFlags.Ephemeral },
      });
      log.info({ what: input.what }, "discord interaction not for Bantin, answered privately");
      return;
    }
    if (input.kind === "autocomplete") {
      const extra = input.command === "unsubscribe" ? [{ name: "all", value: "all" }] : [];
      const choices = completesTopics(input.command, input.option)
        ? topicChoices(deps.topics, input.typed, langOfLocale(input.locale), extra)
        : [];
      await callback(interaction, {
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices },
      });
      return;
    }
    const flags = input.ephemeral ? MessageFlags.Ephemeral : 0;
    const slow = SLOW_COMMANDS.has(input.command);
    if (slow)
      await callback(interaction, { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags } });
    const replies = await deps.core.handle(input.text, await placeOfCommand(interaction, input.ctx));
    const [first = SILENT_ANSWER, ...more] = replyMessages(replies, deps.renderDigest);
    if (slow) {
      await call(ROUTES.edit, "PATCH", Routes.webhookMessage(applicationId, interaction.token), first);
    } else {
      await callback(interaction, {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { ...first, flags },
      });
    }
    for (const part of more) {
      await call(ROUTES.followUp, "POST", Routes.webhook(applicationId, interaction.token), { ...part, flags });
    }
    log.info({ command: input.command, parts: 1 + more.length }, "discord command answered");
  };

  /**
   * A thread is configured as a channel of its own; a post in a forum configures the forum, since
   * there every briefing opens a post of its own (a single post would only ever hold one).
   */
  const placeOfCommand = async (interaction: APIInteraction, ctx: ChatContext): Promise<ChatContext> => {
    const channel = interaction.channel as { type?: number; parent_id?: string | null } | undefined;
    const parent = channel?.parent_id;
    if (deps.forums === undefined || channel?.type === undefined || !THREAD_TYPES.has(channel.type)) return ctx;
    if (parent == null || !(await deps.forums.isForum(parent))) return ctx;
    return { ...ctx, chatId: chatId(parent), chatType: "forum" };
  };

  return async (interaction) => {
    const log = logger.child({ interactionId: interaction.id, channelId: interaction.channel?.id });
    let input: InteractionInput | undefined;
    try {
      input = readInteraction(interaction);
      await answer(interaction, input, log);
    } catch (error) {
      if (error instanceof AnswerFailed) {
        const { answer: said } = describe(error.cause, error.request);
        const command = input?.kind === "command" || input?.kind === "autocomplete" ? input.command : undefined;
        log.warn(
          { route: error.route, answer: said, kind: input?.kind, command },
          "discord did not take the interaction's answer",
        );
      } else {
        // A bug on our side (the chat core, an interaction shape we misread): one line; the stack at LOG_LEVEL=debug.
        log.error({ err: error, kind: input?.kind }, "discord interaction failed");
      }
    }
  };
}
