import type { OddAnswer, ScriptedError } from "./fake-bot-api-scripts.js";
import type { Answer } from "./fake-bot-api-wire.js";

/** A message the fake accepted: what the user in that chat sees. */
export interface AcceptedMessage {
  readonly messageId: number;
  readonly chatId: string;
  /** As sent (HTML when parse_mode is HTML). */
  readonly text: string;
  /** What the user sees once entities are parsed. */
  readonly plainText: string;
  readonly parseMode: string | undefined;
  readonly linkPreviewDisabled: boolean;
  readonly replyMarkup: unknown;
  /** The forum topic it was posted in (`message_thread_id`); absent: the chat itself. */
  readonly threadId?: number | undefined;
  /** How many times editMessageText changed it. */
  readonly edits?: number | undefined;
}

/** A forum topic as Telegram keeps it: messages go in while open; closed and deleted refuse them. */
export type ForumTopicState = "open" | "closed" | "deleted";

export interface ApiCall {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly status: number;
}

export interface BotUser {
  readonly id: number;
  readonly is_bot: true;
  readonly first_name: string;
  readonly username: string;
  readonly can_join_groups: boolean;
  readonly can_read_all_group_messages: boolean;
  readonly supports_inline_queries: boolean;
  readonly can_connect_to_business: boolean;
  readonly has_main_web_app: boolean;
}

/** The long poll waiting for updates: woken by a new update, or cancelled by a second poller. */
export interface Poller {
  readonly wake: () => void;
  readonly cancel: (answer: Answer) => void;
}

/** Everything the fake Bot API remembers, shared by its methods, its update builders and the test's controls. */
export interface BotApiState {
  readonly token: string;
  readonly botInfo: BotUser;
  readonly messages: AcceptedMessage[];
  readonly calls: ApiCall[];
  /** Scripted sendMessage errors, by chat id. */
  readonly scripted: Map<string, ScriptedError>;
  readonly oddMethods: Map<string, OddAnswer>;
  /** `<chat>:<user>` → getChatMember status. */
  readonly members: Map<string, string>;
  readonly chatTypes: Map<string, string>;
  /** Forum supergroups by chat id, with their topics by `message_thread_id`. */
  readonly forums: Map<string, Map<number, ForumTopicState>>;
  /** Run after every API call (and when a long poll starts), for `waitFor`. */
  readonly watchers: Set<() => void>;
  updates: { update_id: number }[];
  nextUpdateId: number;
  nextMessageId: number;
  refusals: number;
  poller: Poller | undefined;
}

export function createBotApiState(token: string, botUsername: string): BotApiState {
  return {
    token,
    botInfo: {
      id: Number(token.split(":")[0]),
      is_bot: true,
      first_name: "Bantin",
      username: botUsername,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    },
    messages: [],
    calls: [],
    scripted: new Map(),
    oddMethods: new Map(),
    members: new Map(),
    chatTypes: new Map(),
    forums: new Map(),
    watchers: new Set(),
    updates: [],
    nextUpdateId: 1,
    nextMessageId: 1,
    refusals: 0,
    poller: undefined,
  };
}

/** A chat's type: as a test set it, else by Telegram's id ranges (-100…: supergroup, -…: group). */
export const chatTypeOf = (state: BotApiState, id: string): string =>
  state.chatTypes.get(id) ?? (id.startsWith("-100") ? "supergroup" : id.startsWith("-") ? "group" : "private");

export function chatObject(state: BotApiState, id: string): Record<string, unknown> {
  const type = chatTypeOf(state, id);
  if (type === "private") return { id: Number(id), type, first_name: `User ${id}` };
  return { id: Number(id), type, title: `Chat ${id}`, ...(state.forums.has(id) ? { is_forum: true } : {}) };
}

/** Telegram's clock: seconds. */
export const unixNow = (): number => Math.floor(Date.now() / 1000);

export function notifyWatchers(state: BotApiState): void {
  for (const w of [...state.watchers]) w();
}

/** Queues an update (the id is added) and wakes a waiting long poll; returns the update id. */
export function pushUpdate(state: BotApiState, update: Record<string, unknown>): number {
  const id = state.nextUpdateId++;
  state.updates.push({ update_id: id, ...update });
  state.poller?.wake();
  return id;
}

/** Resolves when `predicate` holds (checked after every API call); rejects after `timeoutMs`. */
export function waitForMessages(
  state: BotApiState,
  predicate: (messages: readonly AcceptedMessage[]) => boolean,
  timeoutMs = 5000,
): Promise<void> {
  const { messages, watchers } = state;
  return new Promise<void>((resolve, reject) => {
    const check = () => {
      if (!predicate(messages)) return;
      watchers.delete(check);
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      watchers.delete(check);
      reject(
        new Error(
          `fake Bot API: condition not met in ${timeoutMs} ms; accepted: ${JSON.stringify(messages.map((m) => [m.chatId, m.plainText.slice(0, 60)]))}`,
        ),
      );
    }, timeoutMs);
    watchers.add(check);
    check();
  });
}
