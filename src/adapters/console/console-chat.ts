import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { ChatContext, CommandCore, Reply } from "../../chat/index.js";
import { renderReplyText } from "../../chat/index.js";
import type { ChatId, DigestDocument, Lang } from "../../domain/index.js";
import { chatId } from "../../domain/index.js";

/** The one local chat the console speaks for. */
export const CONSOLE_CHAT_ID: ChatId = chatId("console");

export interface ConsoleChatOptions {
  readonly core: CommandCore;
  readonly input: Readable;
  readonly output: (text: string) => void;
  readonly renderDigest: (doc: DigestDocument) => string;
  readonly language?: Lang;
}

/**
 * The console chat: each stdin line is a message from one local user in one private chat, and
 * each reply is printed as plain text followed by a blank line. Lines are handled one at a time,
 * in order, so a piped script reads like a conversation. Resolves once input has ended and every
 * line read has been answered.
 */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const ctx: ChatContext = {
    platform: "console",
    chatId: CONSOLE_CHAT_ID,
    userId: "local",
    chatType: "private",
    // The person at the terminal runs the bot: they may change everything.
    isAdmin: async () => true,
    language: options.language,
  };
  const lines = createInterface({ input: options.input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    const replies = await options.core.handle(line, ctx);
    for (const reply of replies) options.output(renderConsoleReply(reply, options.renderDigest));
  }
}

/** A reply as the console prints it. */
export function renderConsoleReply(reply: Reply, renderDigest: (doc: DigestDocument) => string): string {
  return `${renderReplyText(reply, renderDigest).trimEnd()}\n\n`;
}
