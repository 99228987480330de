import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPutAPIApplicationCommandsJSONBody,
} from "discord.js";
import { COMMANDS, type CommandName } from "../../chat/index.js";
import type { Lang } from "../../domain/index.js";

type Localised = Readonly<Record<Lang, string>>;

interface OptionSpec {
  readonly name: string;
  readonly description: Localised;
  readonly type: "string";
  readonly required?: boolean;
  readonly autocomplete?: boolean;
  readonly choices?: readonly { readonly name: Localised; readonly value: string }[];
}

const topicOption = (description: Localised): OptionSpec => ({
  name: "topic",
  type: "string",
  autocomplete: true,
  description,
});

const phraseOption = (description: Localised, required = false): OptionSpec => ({
  name: "phrase",
  type: "string",
  description,
  ...(required ? { required } : {}),
});

/**
 * The options each chat command takes on Discord. The interaction handler joins the values,
 * in this order, into the text the chat core parses ("/digest my-trieu 3d").
 */
export const SLASH_OPTIONS: Readonly<Partial<Record<CommandName, readonly OptionSpec[]>>> = {
  subscribe: [topicOption({ vi: "chủ đề (bỏ trống: tất cả)", en: "topic (leave empty for all)" })],
  unsubscribe: [topicOption({ vi: "chủ đề, hoặc all để hủy tất cả", en: "topic, or all to unsubscribe" })],
  digest: [
    topicOption({ vi: "chủ đề (bỏ trống: của kênh này)", en: "topic (empty: this channel's)" }),
    {
      name: "period",
      type: "string",
      description: { vi: "khoảng thời gian", en: "how far back" },
      choices: [
        { name: { vi: "24 giờ", en: "24 hours" }, value: "24h" },
        { name: { vi: "3 ngày", en: "3 days" }, value: "3d" },
        { name: { vi: "7 ngày", en: "7 days" }, value: "7d" },
      ],
    },
  ],
  search: [
    { name: "words", type: "string", required: true, description: { vi: "từ khóa, có dấu hay không", en: "words" } },
  ],
  schedule: [
    {
      name: "times",
      type: "string",
      required: true,
      description: {
        vi: "HH:MM, cách nhau bằng dấu phẩy; off; hoặc weekly CN 19:00",
        en: "HH:MM, comma-separated; off; or weekly sun 19:00",
      },
    },
  ],
  timezone: [
    {
      name: "zone",
      type: "string",
      required: true,
      description: { vi: "ví dụ Asia/Ho_Chi_Minh", en: "e.g. Asia/Seoul" },
    },
  ],
  lang: [
    {
      name: "language",
      type: "string",
      required: true,
      description: { vi: "ngôn ngữ của bản tin", en: "language of the briefings" },
      choices: [
        { name: { vi: "Tiếng Việt", en: "Vietnamese" }, value: "vi" },
        { name: { vi: "Tiếng Anh", en: "English" }, value: "en" },
      ],
    },
  ],
  watch: [phraseOption({ vi: "tên, nơi, cụm từ (bỏ trống: danh sách)", en: "name, place, phrase (empty: list)" })],
  unwatch: [phraseOption({ vi: "cụm từ đang theo dõi, hoặc all", en: "a watched phrase, or all" }, true)],
  mute: [phraseOption({ vi: "tên, cụm từ cần ẩn (bỏ trống: danh sách)", en: "name or phrase to hide (empty: list)" })],
  unmute: [phraseOption({ vi: "cụm từ đang ẩn, hoặc all", en: "a muted phrase, or all" }, true)],
  story: [
    {
      name: "entry",
      type: "string",
      required: true,
      description: { vi: "số thứ tự trong bản tin, hoặc từ khóa", en: "entry number in the last digest, or words" },
    },
  ],
  alerts: [
    {
      name: "state",
      type: "string",
      required: true,
      description: { vi: "bật hoặc tắt", en: "on or off" },
      choices: [
        { name: { vi: "bật", en: "on" }, value: "on" },
        { name: { vi: "tắt", en: "off" }, value: "off" },
      ],
    },
  ],
};

/** The options a command declares; none for a name Bantin does not have (`constructor` included). */
export function slashOptionsOf(command: string): readonly OptionSpec[] {
  return Object.hasOwn(SLASH_OPTIONS, command) ? (SLASH_OPTIONS[command as CommandName] ?? []) : [];
}

/** True when Bantin's `command` declares `option` as a topic it completes; any other autocomplete gets no choices. */
export function completesTopics(command: string, option: string): boolean {
  return slashOptionsOf(command).some((o) => o.name === option && o.autocomplete === true);
}

/** /start is Telegram's entry point; on Discord the slash menu itself is the introduction. */
const DISCORD_COMMANDS = COMMANDS.filter((c) => c.name !== "start");

function toOption(spec: OptionSpec): APIApplicationCommandBasicOption {
  return {
    type: ApplicationCommandOptionType.String,
    name: spec.name,
    description: spec.description.en,
    description_localizations: { vi: spec.description.vi },
    required: spec.required ?? false,
    ...(spec.autocomplete === true ? { autocomplete: true } : {}),
    ...(spec.choices === undefined
      ? {}
      : {
          choices: spec.choices.map((c) => ({
            name: c.name.en,
            name_localizations: { vi: c.name.vi },
            value: c.value,
          })),
        }),
  } as APIApplicationCommandBasicOption;
}

/**
 * The body of PUT /applications/{app}/commands (or …/guilds/{guild}/commands): one chat-input
 * command per chat command, English by default with Vietnamese localisations, usable in
 * servers and in DMs with the bot.
 */
export function discordSlashCommands(): RESTPutAPIApplicationCommandsJSONBody {
  return DISCORD_COMMANDS.map((command) => ({
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: command.help.en,
    description_localizations: { vi: command.help.vi },
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    options: (SLASH_OPTIONS[command.name] ?? []).map(toOption),
  }));
}
