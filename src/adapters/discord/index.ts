export {
  type DescribeDiscordFailure,
  type DiscordFailure,
  discordFailureDescriber,
  UnexpectedDiscordAnswer,
} from "./discord-answer.js";
export { createDiscordDeliverySender } from "./discord-delivery-sender.js";
export { discordNonce } from "./discord-nonce.js";
export {
  type DiscordEmbed,
  DiscordLimits,
  type DiscordMessageBody,
  discordLimitViolations,
} from "./discord-payload.js";
export { createDiscordRest, type DiscordRestOptions } from "./discord-rest.js";
export {
  createDiscordSender,
  type DiscordPermanentReason,
  type DiscordSender,
  type DiscordSendResult,
} from "./discord-sender.js";
export { createInteractionHandler, type InteractionHandlerDeps } from "./interaction-handler.js";
export { canManageChannel, type InteractionInput, readInteraction } from "./interaction-input.js";
export { type RegisteredCommands, registerDiscordCommands } from "./register-commands.js";
export type { RenderDiscordDigest } from "./reply-messages.js";
export { discordSlashCommands } from "./slash-commands.js";
export { type RunningDiscord, type StartDiscordDeps, startDiscord } from "./start-discord.js";
