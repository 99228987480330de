import type { DeliverySender } from "../../delivery/outbox-relay.js";
import { inLane, type PlatformLimiter } from "../../delivery/platform-limiters.js";
import type { Logger } from "../../domain/index.js";
import { createDiscordDeliverySender } from "./discord-delivery-sender.js";
import { createDiscordForums } from "./discord-forum.js";
import { createDiscordRest } from "./discord-rest.js";
import { createDiscordSender } from "./discord-sender.js";

export interface DiscordDeliveryOnlyDeps {
  readonly token: string;
  readonly api?: string | undefined;
  /** The message id a part was sent as (a forum post's first part opens the post). */
  readonly sentMessageId: (dedupeKey: string, part: number) => string | undefined | Promise<string | undefined>;
  /** The budget every replica draws from (see createSharedDiscordLimiter). */
  readonly limiter: PlatformLimiter | undefined;
  readonly logger: Logger;
}

/**
 * A replica that holds no gateway (a standby: the active replica does) still sends the outbox's
 * Discord rows, through REST alone, with the same nonce and forum handling as the active one.
 */
export function createDiscordDeliveryOnly(deps: DiscordDeliveryOnlyDeps): DeliverySender {
  const logger = deps.logger.child({ platform: "discord", role: "delivery" });
  const rest = createDiscordRest({ token: deps.token, api: deps.api });
  return createDiscordDeliverySender(
    createDiscordSender(rest, logger),
    { forums: createDiscordForums(rest, logger), postOf: (dedupeKey) => deps.sentMessageId(dedupeKey, 0) },
    deps.limiter === undefined ? undefined : inLane(deps.limiter, "bulk"),
  );
}
