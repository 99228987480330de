import { ChannelType, type REST, Routes } from "discord.js";
import type { Logger } from "../../domain/index.js";
import { foldDiacritics } from "../../text/index.js";
import { discordFailureDescriber } from "./discord-answer.js";
import type { DiscordForumPost, DiscordMessageBody } from "./discord-payload.js";
import { type DiscordSendResult, discordSendFailure } from "./discord-sender.js";

/** What Bantin reads of a channel: its type, and a forum's tags and flags. */
interface ChannelFacts {
  readonly type: number;
  readonly flags: number;
  readonly tags: readonly { readonly id: string; readonly name: string }[];
}

/** A forum's REQUIRE_TAG flag: a post without a tag is refused (40067). */
const REQUIRE_TAG = 1 << 4;
/** Discord's limits: a thread's name, and the tags on one post. */
const NAME_MAX = 100;
const TAGS_MAX = 5;
/** Forums change their tags rarely; an hour-old list costs at most a missing tag. */
const FACTS_TTL_MS = 60 * 60_000;

const FORUM_TYPES: ReadonlySet<number> = new Set([ChannelType.GuildForum, ChannelType.GuildMedia]);
export const THREAD_TYPES: ReadonlySet<number> = new Set([
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
]);

const tagKey = (name: string) =>
  foldDiacritics(name)
    .toLowerCase()
    .replace(/[-_\s]+/g, " ")
    .trim();

/** The forum's tags a post asks for, in the order asked, at most five; one anyway when the forum requires it. */
export function pickTags(facts: ChannelFacts, wanted: readonly string[]): string[] {
  const byName = new Map(facts.tags.map((t) => [tagKey(t.name), t.id]));
  const picked = [...new Set(wanted.flatMap((name) => byName.get(tagKey(name)) ?? []))].slice(0, TAGS_MAX);
  const first = facts.tags[0];
  if (picked.length === 0 && (facts.flags & REQUIRE_TAG) !== 0 && first !== undefined) return [first.id];
  return picked;
}

/** A name Discord takes: one line, at most 100 characters, never empty. */
const postName = (name: string) => {
  const line = name.replace(/\s+/g, " ").trim() || "Bantin";
  const chars = [...line];
  return chars.length <= NAME_MAX ? line : `${chars.slice(0, NAME_MAX - 1).join("")}…`;
};

export interface DiscordForums {
  /** Whether the channel is a forum (or media) channel; false when Discord would not say. */
  isForum(channelId: string): Promise<boolean>;
  /**
   * Opens a post in the forum with `body` as its first message; the result's one id is the
   * post's (a forum post's id is its starter message's). Posts carry no nonce on Discord, so a
   * retry after an unknown outcome may open a second post: at-least-once, as on Telegram.
   */
  openPost(forumId: string, post: DiscordForumPost, body: DiscordMessageBody): Promise<DiscordSendResult>;
}

/** Forum channels through REST, their facts cached per process. */
export function createDiscordForums(rest: REST, logger: Logger): DiscordForums {
  const describe = discordFailureDescriber(rest);
  const cache = new Map<string, { readonly at: number; readonly facts: ChannelFacts }>();
  const factsOf = async (channelId: string): Promise<ChannelFacts> => {
    const known = cache.get(channelId);
    if (known !== undefined && Date.now() - known.at < FACTS_TTL_MS) return known.facts;
    const raw = (await rest.get(Routes.channel(channelId))) as {
      type?: number;
      flags?: number;
      available_tags?: { id: string; name: string }[];
    };
    const facts = { type: raw.type ?? -1, flags: raw.flags ?? 0, tags: raw.available_tags ?? [] };
    cache.set(channelId, { at: Date.now(), facts });
    return facts;
  };
  const open = async (
    forumId: string,
    post: DiscordForumPost,
    body: DiscordMessageBody,
  ): Promise<DiscordSendResult> => {
    const call = { route: "POST /channels/:id/threads", channelId: forumId, part: 0 };
    const path = Routes.threads(forumId);
    try {
      const facts = await factsOf(forumId);
      const thread = (await rest.post(path, {
        body: { name: postName(post.name), message: body, applied_tags: pickTags(facts, post.tags) },
      })) as { id?: unknown } | null;
      if (typeof thread?.id === "string") return { kind: "ok", messageIds: [thread.id] };
      const answer = "an answer that is not a channel";
      return discordSendFailure({ status: undefined, code: undefined, answer }, call, [], logger);
    } catch (error) {
      return discordSendFailure(describe(error, { method: "POST", path }), call, [], logger);
    }
  };
  return {
    async isForum(channelId) {
      try {
        return FORUM_TYPES.has((await factsOf(channelId)).type);
      } catch (error) {
        logger.debug({ channelId, answer: describe(error).answer }, "discord channel lookup failed");
        return false;
      }
    },
    async openPost(forumId, post, body) {
      const first = await open(forumId, post, body);
      // A tag deleted since the forum's facts were read is refused (50035), as is a post without
      // the tag a forum began requiring (40067): read the forum again and try once more.
      if (first.kind !== "permanent" || (first.code !== 50035 && first.code !== 40067)) return first;
      cache.delete(forumId);
      return open(forumId, post, body);
    },
  };
}
