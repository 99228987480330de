import { type APIInteraction, Client, Events, GatewayDispatchEvents, GatewayIntentBits } from "discord.js";
import type { CommandCore } from "../../chat/index.js";
import type { DeliverySender } from "../../delivery/outbox-relay.js";
import { inLane, type PlatformLimiter } from "../../delivery/platform-limiters.js";
import type { Logger, Topic } from "../../domain/index.js";
import { createDiscordDeliverySender } from "./discord-delivery-sender.js";
import { createDiscordForums } from "./discord-forum.js";
import { DefaultDiscordRestOptions, rejectUnexplainedRateLimit } from "./discord-rest.js";
import { createDiscordSender, type DiscordSender } from "./discord-sender.js";
import { createInteractionHandler } from "./interaction-handler.js";
import type { RenderDiscordDigest } from "./reply-messages.js";

export interface StartDiscordDeps {
  /** DISCORD_TOKEN. */
  readonly token: string;
  /** DISCORD_APPLICATION_ID: interaction follow-ups are webhooks of the application. */
  readonly applicationId: string;
  /** DISCORD_API: another REST server (tests, a proxy); Discord's own when omitted. */
  readonly api?: string | undefined;
  readonly core: CommandCore;
  /** For topic autocomplete (the same list the chat core resolves). */
  readonly topics: readonly Topic[];
  /** The Discord adapter's renderDiscordMessages (render-discord.ts). */
  readonly renderDigest: RenderDiscordDigest;
  /** The outbox's record of sent parts: a forum message's later parts go into the post its first opened. */
  readonly sentMessageId: (dedupeKey: string, part: number) => string | undefined | Promise<string | undefined>;
  /** Shared with the other replicas on PostgreSQL; undefined in one process, where discord.js's own queue paces. */
  readonly limiter?: PlatformLimiter | undefined;
  /** The gateway shards this client connects, of `count` (DISCORD_SHARDS); one unsharded connection when omitted. */
  readonly shards?: { readonly ids: readonly number[]; readonly count: number } | undefined;
  readonly logger: Logger;
}

export interface RunningDiscord {
  /** Posts messages through the logged-in client's REST queue (shares its rate-limit state). */
  readonly sender: DiscordSender;
  /** The outbox relay's sender for `platform = 'discord'` rows. */
  readonly deliverySender: DeliverySender;
  /** Log out and close the gateway connection. */
  stop(): Promise<void>;
}

/**
 * Log in to Discord's gateway with the Guilds intent only (slash commands need no privileged
 * intent: no message content, no member list) and answer every interaction through the chat core.
 * Interactions are taken as raw gateway payloads, the documented JSON, so the code path is the
 * one the tests drive with fixtures. Resolves once the client is ready.
 */
export async function startDiscord(deps: StartDiscordDeps): Promise<RunningDiscord> {
  const logger = deps.logger.child(
    deps.shards === undefined ? { platform: "discord" } : { platform: "discord", shards: deps.shards.ids },
  );
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...(deps.shards === undefined ? {} : { shards: [...deps.shards.ids], shardCount: deps.shards.count }),
    rest: {
      timeout: DefaultDiscordRestOptions.timeoutMs,
      retries: DefaultDiscordRestOptions.retries,
      rejectOnRateLimit: rejectUnexplainedRateLimit,
      ...(deps.api === undefined ? {} : { api: deps.api.replace(/\/+$/, "") }),
    },
  });
  const forums = createDiscordForums(client.rest, logger);
  const handle = createInteractionHandler({
    rest: client.rest,
    forums,
    applicationId: deps.applicationId,
    core: deps.core,
    topics: deps.topics,
    renderDigest: deps.renderDigest,
    logger,
  });
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (interaction: APIInteraction) => {
    void handle(interaction);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(deps.token);
  await ready;
  logger.info({ user: client.user?.tag }, "discord connected");
  const sender = createDiscordSender(client.rest, logger);
  return {
    sender,
    deliverySender: createDiscordDeliverySender(
      sender,
      { forums, postOf: (dedupeKey) => deps.sentMessageId(dedupeKey, 0) },
      deps.limiter === undefined ? undefined : inLane(deps.limiter, "bulk"),
    ),
    stop: () => client.destroy(),
  };
}
