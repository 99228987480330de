import type { ServerResponse } from "node:http";
import { sendJson } from "./fake-discord-wire.js";

/** Discord's `errors` tree of a 50035 "Invalid Form Body". */
export interface FieldErrors {
  _errors?: { code: string; message: string }[];
  [key: string]: unknown;
}

const maxLength = (max: number) => ({ code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${max} or fewer in length.` });
const len = (v: unknown): number => (typeof v === "string" ? [...v].length : 0);

function addError(tree: FieldErrors, path: readonly (string | number)[], error: { code: string; message: string }) {
  let node = tree;
  for (const key of path) {
    node[String(key)] ??= {};
    node = node[String(key)] as FieldErrors;
  }
  node._errors = [...(node._errors ?? []), error];
}

type EmbedBody = {
  title?: unknown;
  description?: unknown;
  fields?: unknown;
  footer?: { text?: unknown };
  author?: { name?: unknown };
};

/** Discord's documented limits, answered as its `errors` tree; undefined when within them. */
function checkMessageLimits(body: Record<string, unknown>): FieldErrors | undefined {
  const errors: FieldErrors = {};
  if (len(body.content) > 2000) addError(errors, ["content"], maxLength(2000));
  if (typeof body.nonce === "string" && body.nonce.length > 25) addError(errors, ["nonce"], maxLength(25));
  const embeds = Array.isArray(body.embeds) ? (body.embeds as EmbedBody[]) : [];
  if (embeds.length > 10) addError(errors, ["embeds"], maxLength(10));
  let total = 0;
  embeds.forEach((embed, i) => {
    const parts: [readonly string[], unknown, number][] = [
      [["title"], embed.title, 256],
      [["description"], embed.description, 4096],
      [["footer", "text"], embed.footer?.text, 2048],
      [["author", "name"], embed.author?.name, 256],
    ];
    for (const [path, value, max] of parts) {
      total += len(value);
      if (len(value) > max) addError(errors, ["embeds", i, ...path], maxLength(max));
    }
    const fields = Array.isArray(embed.fields) ? (embed.fields as { name?: unknown; value?: unknown }[]) : [];
    if (fields.length > 25) addError(errors, ["embeds", i, "fields"], maxLength(25));
    fields.forEach((field, j) => {
      total += len(field.name) + len(field.value);
      if (len(field.name) > 256) addError(errors, ["embeds", i, "fields", j, "name"], maxLength(256));
      if (len(field.value) > 1024) addError(errors, ["embeds", i, "fields", j, "value"], maxLength(1024));
    });
  });
  if (total > 6000) {
    addError(errors, ["embeds"], {
      code: "MAX_EMBED_SIZE_EXCEEDED",
      message: "Embed size exceeds maximum size of 6000",
    });
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}

function isEmptyMessage(body: Record<string, unknown>): boolean {
  return len(body.content) === 0 && (!Array.isArray(body.embeds) || body.embeds.length === 0);
}

const commandName = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Application command rules: lower-case names of 1–32, descriptions of 1–100 (localised ones too), ≤ 25 options. */
export function checkCommands(list: readonly Record<string, unknown>[]): FieldErrors | undefined {
  const errors: FieldErrors = {};
  const checkNamed = (path: (string | number)[], item: Record<string, unknown>) => {
    if (typeof item.name !== "string" || !commandName.test(item.name)) {
      addError(errors, [...path, "name"], {
        code: "APPLICATION_COMMAND_INVALID_NAME",
        message: "Command name is invalid",
      });
    }
    const descriptions = [item.description, ...Object.values((item.description_localizations ?? {}) as object)];
    for (const d of descriptions) {
      if (len(d) < 1 || len(d) > 100) addError(errors, [...path, "description"], maxLength(100));
    }
    const options = Array.isArray(item.options) ? (item.options as Record<string, unknown>[]) : [];
    if (options.length > 25) addError(errors, [...path, "options"], maxLength(25));
    for (const [j, o] of options.entries()) checkNamed([...path, "options", j], o);
  };
  for (const [i, c] of list.entries()) checkNamed([i], c);
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/** Answers 400 as Discord does for a body over the limits or with nothing to show; true when it did. */
export function rejectInvalid(
  body: Record<string, unknown>,
  res: ServerResponse,
  headers: Record<string, string>,
): boolean {
  const errors = checkMessageLimits(body);
  if (errors !== undefined) {
    sendJson(res, 400, { code: 50035, message: "Invalid Form Body", errors }, headers);
    return true;
  }
  if (isEmptyMessage(body)) {
    sendJson(res, 400, { code: 50006, message: "Cannot send an empty message" }, headers);
    return true;
  }
  return false;
}
