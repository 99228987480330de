import { Api } from "grammy";
import type { DeliverySender } from "../../delivery/outbox-relay.js";
import { inLane, type PlatformLimiter } from "../../delivery/platform-limiters.js";
import type { Logger } from "../../domain/index.js";
import type { TelegramChatRegistry } from "./telegram-chat-registry.js";
import { createTelegramDeliverySender } from "./telegram-delivery-sender.js";
import { createTelegramSender } from "./telegram-sender.js";

export interface TelegramDeliveryOnlyDeps {
  readonly token: string;
  readonly apiRoot?: string | undefined;
  /** The budget every replica draws from (see createSharedTelegramLimiter). */
  readonly limiter: PlatformLimiter;
  /** Where a group's move to a supergroup is recorded. */
  readonly chats: Pick<TelegramChatRegistry, "migrateChat">;
  readonly logger: Logger;
}

/**
 * A replica that does not take updates (a standby: the active replica polls) still sends the
 * outbox's Telegram rows: the Bot API client alone, no poller, the relay's bulk lane.
 */
export function createTelegramDeliveryOnly(deps: TelegramDeliveryOnlyDeps): DeliverySender {
  const api = new Api(deps.token, deps.apiRoot === undefined ? undefined : { apiRoot: deps.apiRoot });
  const logger = deps.logger.child({ adapter: "telegram", role: "delivery" });
  return createTelegramDeliverySender(
    createTelegramSender({
      api,
      limiter: inLane(deps.limiter, "bulk"),
      onChatMigrated: (from, to) =>
        void Promise.resolve(deps.chats.migrateChat("telegram", from, to, "supergroup", Date.now())).catch(
          (error: unknown) => logger.error({ err: error }, "telegram: could not record a chat's move"),
        ),
      logger,
    }),
  );
}
