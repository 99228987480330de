import { REST } from "discord.js";
import type { DeliverySender } from "../../delivery/outbox-relay.js";
import type { Logger } from "../../domain/index.js";
import { createDiscordDeliverySender } from "./discord-delivery-sender.js";
import { createDiscordForums } from "./discord-forum.js";
import { DefaultDiscordRestOptions, rejectUnexplainedRateLimit } from "./discord-rest.js";
import { createDiscordSender } from "./discord-sender.js";

export interface DiscordDeliveryOnlyDeps {
  readonly token: string;
  readonly api?: string | undefined;
  /** The message id a part was sent as (a forum post's first part opens the post). */
  readonly sentMessageId: (dedupeKey: string, part: number) => string | undefined | Promise<string | undefined>;
  readonly logger: Logger;
}

/**
 * A replica that holds no gateway (a standby: the active replica does) still sends the outbox's
 * Discord rows, through REST alone, with the same nonce and forum handling as the active one.
 */
export function createDiscordDeliveryOnly(deps: DiscordDeliveryOnlyDeps): DeliverySender {
  const logger = deps.logger.child({ platform: "discord", role: "delivery" });
  const rest = new REST({
    timeout: DefaultDiscordRestOptions.timeoutMs,
    retries: DefaultDiscordRestOptions.retries,
    rejectOnRateLimit: rejectUnexplainedRateLimit,
    ...(deps.api === undefined ? {} : { api: deps.api.replace(/\/+$/, "") }),
  }).setToken(deps.token);
  return createDiscordDeliverySender(createDiscordSender(rest, logger), {
    forums: createDiscordForums(rest, logger),
    postOf: (dedupeKey) => deps.sentMessageId(dedupeKey, 0),
  });
}
