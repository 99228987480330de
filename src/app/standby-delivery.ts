import { createTelegramDeliveryOnly } from "../adapters/telegram/telegram-delivery-only.js";
import type { Env } from "../config/index.js";
import { createOutboxRelay, type DeliverySender } from "../delivery/outbox-relay.js";
import type { Logger, Platform } from "../domain/index.js";
import type { AppStores } from "./app-stores.js";
import type { PlatformLimiters } from "./bot-stores.js";
import { discordRestSender } from "./discord-wiring.js";

/** A standby's share of the sending; stop it before the replica becomes the active one. */
export interface StandbyDelivery {
  stop(): Promise<void>;
}

/**
 * While it waits, a standby replica still delivers: it relays the shared outbox's due rows
 * beside the active replica (the rows are claimed under a lease, a chat's in order, whichever
 * replica sends them), through the platforms' APIs alone (the active replica polls Telegram and
 * holds Discord's gateway), within the one budget per platform that all replicas draw from. A fan-out of
 * many chats goes out from every replica; nothing on a platform the process has no token for.
 */
export function startStandbyDelivery(
  env: Env,
  stores: AppStores,
  limiters: PlatformLimiters,
  logger: Logger,
  /** The Telegram bot's own sender when this standby already serves the webhook. */
  telegramSender?: DeliverySender,
): StandbyDelivery | undefined {
  const senders: Partial<Record<Platform, DeliverySender>> = {};
  if (telegramSender !== undefined) senders.telegram = telegramSender;
  else if (env.TELEGRAM_BOT_TOKEN !== undefined) {
    senders.telegram = createTelegramDeliveryOnly({
      token: env.TELEGRAM_BOT_TOKEN,
      apiRoot: env.TELEGRAM_API_ROOT,
      limiter: limiters.telegram,
      chats: stores.subscriptions,
      logger,
    });
  }
  const discord = discordRestSender(env, stores, limiters, logger);
  if (discord !== undefined) senders.discord = discord;
  if (Object.keys(senders).length === 0) return undefined;
  const relay = createOutboxRelay({
    outbox: stores.outbox,
    senders,
    logger: logger.child({ module: "relay", role: "standby" }),
  });
  relay.start();
  logger.info({ platforms: Object.keys(senders) }, "standby: delivering the shared outbox meanwhile");
  return { stop: () => relay.stop() };
}
