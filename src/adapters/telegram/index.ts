export { renderTelegramHtml } from "./render-digest-html.js";
export { type TelegramReply, toTelegramReply } from "./reply-html.js";
export { type RunningTelegram, type StartTelegramDeps, startTelegram } from "./start-telegram.js";
export {
  createTelegramBot,
  type TelegramBot,
  type TelegramBotOptions,
  type TelegramChatRegistry,
  type WebhookOptions,
} from "./telegram-bot.js";
export { createTelegramDeliverySender } from "./telegram-delivery-sender.js";
export { escapeTelegramHtml, splitEscaped, TelegramLimits } from "./telegram-html.js";
export {
  createTelegramSender,
  type FloodLimiter,
  type TelegramSender,
  type TelegramSenderDeps,
  type TelegramSendOptions,
  type TelegramSendResult,
} from "./telegram-sender.js";
