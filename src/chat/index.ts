export type { DigestWindow } from "./arguments.js";
export {
  type CommandCore,
  type CommandCoreDeps,
  createCommandCore,
  type OnDemandDigestRequest,
  parseCommand,
} from "./command-core.js";
export { COMMANDS, type CommandName, type ErrorKey, errorMessage, type MessageKey, message } from "./i18n.js";
export { formatLocalDateTime, nextBriefingAt } from "./local-time.js";
export type { AdminStatus, ChatContext, ChatType, Reply, SearchHit, SourceLine, TopicState } from "./reply.js";
export { helpText, renderReplyText } from "./reply-text.js";
