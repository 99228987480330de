/**
 * A chat's watches and mutes: a watched name or phrase brings events naming it into the chat's
 * digests (and alerts) outside its topics; a muted one keeps them out everywhere. Plain phrases
 * only, never user regular expressions, so nothing a user types can make matching slow.
 */
export type ChatFilterKind = "watch" | "mute";

export interface ChatFilter {
  readonly kind: ChatFilterKind;
  /** As the user typed it (NFC), which is how lists and marks show it. */
  readonly phrase: string;
}

/** At most this many of each kind per chat, each at most this many characters. */
export const CHAT_FILTER_LIMITS = { perKind: 50, phraseChars: 100 } as const;
