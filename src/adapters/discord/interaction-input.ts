import {
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionType,
  PermissionFlagsBits,
} from "discord.js";
import type { ChatContext } from "../../chat/index.js";
import { chatId } from "../../domain/index.js";
import { slashOptionsOf } from "./slash-commands.js";

/** Commands whose answer the whole channel should see; every other answer is ephemeral. */
const PUBLIC_COMMANDS: ReadonlySet<string> = new Set(["digest", "search"]);

/** Either permission lets a member change the channel's subscription (Administrator implies both). */
const MANAGERS =
  PermissionFlagsBits.ManageChannels | PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator;

/** What an interaction asks of Bantin, in the chat core's terms. */
export type InteractionInput =
  | {
      readonly kind: "command";
      readonly command: string;
      /** The text the chat core parses, e.g. "/digest my-trieu 3d". */
      readonly text: string;
      readonly ctx: ChatContext;
      /** Answer only to the member who asked (flags 64). */
      readonly ephemeral: boolean;
    }
  | {
      readonly kind: "autocomplete";
      readonly command: string;
      readonly option: string;
      readonly typed: string;
      readonly locale: string | undefined;
    }
  /** Something Bantin offers no answer for: answered politely, in private. */
  | { readonly kind: "unsupported"; readonly what: UnsupportedInteraction; readonly locale: string | undefined }
  | { readonly kind: "ignored"; readonly why: string };

/**
 * What members can send although Bantin asks for none of it: a press on a button or a menu
 * (of an earlier version's message, or another app's copy), a modal's submit, an Apps command
 * on a member or a message (registered by hand, or left over).
 */
export type UnsupportedInteraction = "component" | "modal" | "app-command";

type StringOption = { readonly name: string; readonly value: unknown; readonly focused?: boolean };

const stringOptions = (options: readonly APIApplicationCommandInteractionDataOption[] | undefined): StringOption[] =>
  (options ?? []).filter((o) => o.type === ApplicationCommandOptionType.String) as StringOption[];

/**
 * The member's permissions in this channel, as Discord computed them (roles and overwrites
 * included) and sent in `member.permissions`: no extra REST lookup is needed.
 */
export function canManageChannel(permissions: string | undefined): boolean {
  if (permissions === undefined) return false;
  return (BigInt(permissions) & MANAGERS) !== 0n;
}

/** Translate Discord's interaction JSON (gateway or HTTP, same shape) into the chat core's input. */
export function readInteraction(interaction: APIInteraction): InteractionInput {
  if (interaction.type === InteractionType.MessageComponent || interaction.type === InteractionType.ModalSubmit) {
    const what = interaction.type === InteractionType.ModalSubmit ? "modal" : "component";
    return { kind: "unsupported", what, locale: interaction.locale };
  }
  if (
    interaction.type !== InteractionType.ApplicationCommand &&
    interaction.type !== InteractionType.ApplicationCommandAutocomplete
  ) {
    // A PING (HTTP interactions only) or a type Discord adds later: no answer we could be sure fits.
    return { kind: "ignored", why: `interaction type ${interaction.type}` };
  }
  const data = interaction.data;
  if (data.type === ApplicationCommandType.User || data.type === ApplicationCommandType.Message) {
    return { kind: "unsupported", what: "app-command", locale: interaction.locale };
  }
  if (data.type !== ApplicationCommandType.ChatInput) return { kind: "ignored", why: `command type ${data.type}` };
  const options = stringOptions(data.options);
  if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
    const focused = options.find((o) => o.focused === true);
    return {
      kind: "autocomplete",
      command: data.name,
      option: focused?.name ?? "",
      typed: typeof focused?.value === "string" ? focused.value : "",
      locale: interaction.locale,
    };
  }
  const user = interaction.member?.user ?? interaction.user;
  const inGuild = interaction.guild_id !== undefined;
  const permissions = interaction.member?.permissions;
  // Values in the declared option order, so the text reads as the chat core's usage line.
  const declared = slashOptionsOf(data.name);
  const values = declared.flatMap((spec) => {
    const value = options.find((o) => o.name === spec.name)?.value;
    return typeof value === "string" && value.trim() !== "" ? [value.trim()] : [];
  });
  const ctx: ChatContext = {
    platform: "discord",
    chatId: chatId(interaction.channel?.id ?? interaction.channel_id ?? ""),
    userId: user?.id ?? "",
    // A server channel is shared like a Telegram group (admins decide); a DM is the user's own.
    chatType: inGuild ? "group" : "private",
    isAdmin: async () => !inGuild || canManageChannel(permissions),
    language: interaction.locale,
  };
  return {
    kind: "command",
    command: data.name,
    text: [`/${data.name}`, ...values].join(" "),
    ctx,
    ephemeral: !PUBLIC_COMMANDS.has(data.name),
  };
}
