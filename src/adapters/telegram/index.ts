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
  type FloodLimiter,
  type TelegramSender,
  type TelegramSenderDeps,
  type TelegramSendOptions,
  type TelegramSendResult,
} from "./telegram-sender.js";
