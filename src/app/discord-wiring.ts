import { createDiscordDeliveryOnly } from "../adapters/discord/discord-delivery-only.js";
import { renderDiscordMessages } from "../adapters/discord/render-discord.js";
import { type RunningDiscord, type StartDiscordDeps, startDiscord } from "../adapters/discord/start-discord.js";
import type { Lexicon } from "../analyze/lexicon.js";
import type { CommandCore } from "../chat/index.js";
import type { Env } from "../config/index.js";
import type { DeliverySender } from "../delivery/outbox-relay.js";
import type { Logger } from "../domain/index.js";
import { startShardClaims } from "../store/postgres/shard-claims.js";
import type { AppStores } from "./app-stores.js";
import type { PlatformLimiters } from "./bot-stores.js";
import { loginTo } from "./platform-login.js";
import { chatTopics } from "./topics.js";

const DISCORD_LOGIN = { platform: "Discord", tokenVariable: "DISCORD_TOKEN", apiVariable: "DISCORD_API" };

/** What the Discord side of a replica is given: the chat core, and the stores and budget it sends with. */
export interface DiscordWiring {
  readonly env: Env;
  readonly core: CommandCore;
  readonly lexicon: Lexicon;
  readonly stores: AppStores;
  readonly limiters: PlatformLimiters;
  readonly logger: Logger;
}

/** Whether the gateway is shared out among replicas (DISCORD_SHARDS on PostgreSQL) rather than held by the active one. */
export const shardsAcrossReplicas = (env: Env): boolean =>
  env.DISCORD_SHARDS !== undefined && env.BANTIN_DATABASE_URL !== undefined && discordConfigured(env);

/** Whether this process speaks to Discord at all: it needs both the token and the application's id. */
export const discordConfigured = (env: Env): boolean =>
  env.DISCORD_TOKEN !== undefined && env.DISCORD_APPLICATION_ID !== undefined;

/**
 * Discord through REST alone, for the outbox: what a replica sends with while the gateway is
 * another's (a standby, or an active replica when the shards are shared out).
 */
export function discordRestSender(
  env: Env,
  stores: AppStores,
  limiters: PlatformLimiters,
  logger: Logger,
): DeliverySender | undefined {
  if (env.DISCORD_TOKEN === undefined || env.DISCORD_APPLICATION_ID === undefined) return undefined;
  return createDiscordDeliveryOnly({
    token: env.DISCORD_TOKEN,
    api: env.DISCORD_API,
    sentMessageId: (key, part) => stores.outbox.sentMessageId(key, part),
    limiter: limiters.discord,
    logger,
  });
}

function discordDeps(w: DiscordWiring, token: string, applicationId: string): StartDiscordDeps {
  return {
    token,
    applicationId,
    api: w.env.DISCORD_API,
    core: w.core,
    topics: chatTopics(w.lexicon),
    renderDigest: renderDiscordMessages,
    sentMessageId: w.stores.outbox.sentMessageId,
    limiter: w.limiters.discord,
    logger: w.logger,
  };
}

/**
 * The active replica's Discord: the gateway (every shard of DISCORD_SHARDS in one process), or,
 * when the replicas share the shards out, REST alone for the outbox (the gateway is theirs).
 */
export async function startActiveDiscord(
  w: DiscordWiring,
): Promise<{ readonly deliverySender: DeliverySender; stop(): Promise<void> } | undefined> {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_SHARDS: count } = w.env;
  if (token === undefined || applicationId === undefined) return undefined;
  const restOnly = shardsAcrossReplicas(w.env) ? discordRestSender(w.env, w.stores, w.limiters, w.logger) : undefined;
  if (restOnly !== undefined) return { deliverySender: restOnly, stop: async () => undefined };
  const shards = count === undefined ? undefined : { ids: Array.from({ length: count }, (_, i) => i), count };
  return loginTo(DISCORD_LOGIN, () => startDiscord({ ...discordDeps(w, token, applicationId), shards }));
}

/**
 * On PostgreSQL with DISCORD_SHARDS, this replica's share of the gateway for as long as it runs,
 * standby or active: each shard it claims is one client, connected on the claim and closed on
 * the release. Undefined when the gateway is not shared out.
 */
export function startReplicaShards(w: DiscordWiring): { stop(): Promise<void> } | undefined {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_SHARDS: count } = w.env;
  const url = w.env.BANTIN_DATABASE_URL;
  if (!shardsAcrossReplicas(w.env) || token === undefined || applicationId === undefined) return undefined;
  if (count === undefined || url === undefined) return undefined;
  const deps = discordDeps(w, token, applicationId);
  const clients = new Map<number, RunningDiscord>();
  const logger = w.logger.child({ module: "discord-shards" });
  return startShardClaims({
    url,
    count,
    logger,
    async onClaim(id) {
      clients.set(id, await startDiscord({ ...deps, shards: { ids: [id], count } }));
      logger.info({ shard: id, count }, "discord shard connected");
    },
    async onRelease(id) {
      const client = clients.get(id);
      clients.delete(id);
      await client?.stop();
    },
  });
}
