import { filterKey } from "../../digest/index.js";
import { CHAT_FILTER_LIMITS, type ChatFilterKind } from "../../domain/index.js";
import { normalizeText } from "../../text/index.js";
import type { CommandKit, CommandTable } from "../command-kit.js";
import { closest } from "../edit-distance.js";
import type { ChatContext, Reply } from "../reply.js";

const ALL_WORDS = new Set(["all", "tat ca", "het"]);
const { perKind: MAX, phraseChars: MAX_CHARS } = CHAT_FILTER_LIMITS;

/** /watch or /mute: with a phrase, add it; alone, list what this chat has. */
async function addOrList(kit: CommandKit, kind: ChatFilterKind, args: string[], ctx: ChatContext): Promise<Reply[]> {
  const lang = await kit.langOf(ctx);
  const sub = await kit.ensure(ctx);
  const phrase = normalizeText(args.join(" ")).trim();
  if (phrase === "") {
    const phrases = (await kit.deps.filters.list(sub.id, kind)).map((f) => f.phrase);
    if (phrases.length === 0) return [kit.text(lang, `${kind}-list-empty`)];
    const list = phrases.map((p) => `• ${p}`).join("\n");
    return [kit.text(lang, `${kind}-list`, { list, count: phrases.length, max: MAX })];
  }
  if ([...phrase].length > MAX_CHARS) return [kit.error(lang, "phrase-too-long", { max: MAX_CHARS })];
  const key = filterKey(phrase);
  if (key === "") return [kit.error(lang, "missing-phrase", { command: kind })];
  const result = await kit.deps.filters.add(sub.id, { kind, phrase, key }, kit.deps.now());
  if (result === "full") return [kit.error(lang, "too-many-filters", { max: MAX, command: kind })];
  if (result === "exists") return [kit.text(lang, `${kind}-exists`, { phrase })];
  const count = (await kit.deps.filters.list(sub.id, kind)).length;
  return [kit.text(lang, `${kind}-added`, { phrase, count, max: MAX })];
}

/** /unwatch or /unmute: one phrase (any spelling of it), or all of them. */
async function remove(kit: CommandKit, kind: ChatFilterKind, args: string[], ctx: ChatContext): Promise<Reply[]> {
  const lang = await kit.langOf(ctx);
  const phrase = normalizeText(args.join(" ")).trim();
  const key = filterKey(phrase);
  if (key === "") return [kit.error(lang, "missing-phrase", { command: `un${kind}` })];
  const sub = await kit.ensure(ctx);
  if (ALL_WORDS.has(key)) {
    return [kit.text(lang, `${kind}-removed-all`, { count: await kit.deps.filters.removeAll(sub.id, kind) })];
  }
  const current = await kit.deps.filters.list(sub.id, kind);
  const match = current.find((f) => filterKey(f.phrase) === key);
  if (match !== undefined && (await kit.deps.filters.remove(sub.id, kind, key))) {
    return [kit.text(lang, `${kind}-removed`, { phrase: match.phrase })];
  }
  const near = closest(
    key,
    current.map((f) => filterKey(f.phrase)),
  );
  const suggestion = current.find((f) => filterKey(f.phrase) === near)?.phrase;
  return [
    kit.error(lang, "filter-not-found", {
      input: phrase,
      command: kind,
      ...(suggestion === undefined ? {} : { suggestion }),
    }),
  ];
}

/** /watch, /unwatch, /mute and /unmute: a chat's own names and phrases, beyond its topics. */
export function watchlistCommands(kit: CommandKit): Pick<CommandTable, "watch" | "unwatch" | "mute" | "unmute"> {
  return {
    watch: async (args, ctx) => await addOrList(kit, "watch", args, ctx),
    unwatch: async (args, ctx) => await remove(kit, "watch", args, ctx),
    mute: async (args, ctx) => await addOrList(kit, "mute", args, ctx),
    unmute: async (args, ctx) => await remove(kit, "mute", args, ctx),
  };
}
