export {
  createFloodLimiter,
  type FloodLimiter,
  type FloodLimits,
  isGroupChat,
  TELEGRAM_FLOOD_LIMITS,
} from "./flood-limiter.js";
export { escapeHtml, splitEscaped, type TelegramReply, toTelegramReply } from "./reply-html.js";
export {
  createTelegramBot,
  type TelegramBot,
  type TelegramBotOptions,
  type TelegramChatRegistry,
  type WebhookOptions,
} from "./telegram-bot.js";
export {
  createTelegramSender,
  type TelegramSender,
  type TelegramSenderDeps,
  type TelegramSendOptions,
  type TelegramSendResult,
} from "./telegram-sender.js";
