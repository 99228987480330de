/** An embed as Bantin sends it: the subset of Discord's embed object we fill (the digest renderer, replies). */
export interface DiscordEmbed {
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly url?: string | undefined;
  readonly color?: number | undefined;
  readonly timestamp?: string | undefined;
  readonly fields?: readonly { readonly name: string; readonly value: string; readonly inline?: boolean | undefined }[];
  readonly footer?: { readonly text: string } | undefined;
  readonly author?: { readonly name: string; readonly url?: string | undefined } | undefined;
}

/** One Discord message: what one outbox part holds. */
export interface DiscordMessageBody {
  readonly content?: string | undefined;
  readonly embeds?: readonly DiscordEmbed[] | undefined;
}

/** A forum post a message opens: its title, and the names of the forum tags it would like. */
export interface DiscordForumPost {
  /** At most 100 characters (Discord's thread name limit); the sender cuts a longer one. */
  readonly name: string;
  /** Tag names to apply when the forum has them (matched ignoring case, diacritics, hyphens). */
  readonly tags: readonly string[];
}

/**
 * One outbox part for Discord: a message, and for a forum channel where it goes. The first part
 * of a forum message opens the post (`forum_post`); the later ones follow inside it
 * (`in_forum_post`). Parts written before forums existed have neither and post to the channel.
 */
export type DiscordOutboxPart = DiscordMessageBody & {
  readonly forum_post?: DiscordForumPost | undefined;
  readonly in_forum_post?: true | undefined;
};

/**
 * Discord's documented message limits (developer docs, "Embed Limits" and "Create Message"),
 * counted in characters (code points). The one table: the renderer keeps within it, the sender
 * checks against it before posting.
 */
export const DiscordLimits = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** Every embed of one message together: titles, descriptions, footers, authors and fields. */
  total: 6000,
  nonce: 25,
} as const;

/** A text's length as Discord counts it: characters, not UTF-16 units (a Vietnamese line with emoji counts its code points). */
export const discordChars = (s: string | undefined): number => (s === undefined ? 0 : [...s].length);
const chars = discordChars;

/** Every limit a message breaks, as "embeds[0].description: 4100 > 4096"; empty when it may be sent. */
export function discordLimitViolations(body: DiscordMessageBody): string[] {
  const out: string[] = [];
  const over = (what: string, n: number, max: number) => {
    if (n > max) out.push(`${what}: ${n} > ${max}`);
  };
  over("content", chars(body.content), DiscordLimits.content);
  const embeds = body.embeds ?? [];
  over("embeds", embeds.length, DiscordLimits.embeds);
  let total = 0;
  embeds.forEach((e, i) => {
    const at = `embeds[${i}]`;
    over(`${at}.title`, chars(e.title), DiscordLimits.title);
    over(`${at}.description`, chars(e.description), DiscordLimits.description);
    over(`${at}.footer`, chars(e.footer?.text), DiscordLimits.footer);
    over(`${at}.author`, chars(e.author?.name), DiscordLimits.author);
    over(`${at}.fields`, e.fields?.length ?? 0, DiscordLimits.fields);
    total += chars(e.title) + chars(e.description) + chars(e.footer?.text) + chars(e.author?.name);
    e.fields?.forEach((f, j) => {
      over(`${at}.fields[${j}].name`, chars(f.name), DiscordLimits.fieldName);
      over(`${at}.fields[${j}].value`, chars(f.value), DiscordLimits.fieldValue);
      total += chars(f.name) + chars(f.value);
    });
  });
  over("embeds (all)", total, DiscordLimits.total);
  if (chars(body.content) === 0 && embeds.length === 0) out.push("empty message");
  return out;
}
