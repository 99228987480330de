import { WEEKDAY_NAMES } from "../../domain/index.js";
import { foldDiacritics } from "../../text/index.js";
import { parseTimes, parseTimezone, parseWeekly, weeklyKeywordLength } from "../arguments.js";
import type { CommandKit, CommandTable } from "../command-kit.js";
import type { ChatContext, Reply } from "../reply.js";

const MAX_TIMES = 6;
const OFF_WORDS = ["off", "tat", "none"];

/** /schedule weekly sun 19:00 (or "hàng tuần CN 19h", or "weekly off"): the week's briefing. */
async function scheduleWeekly(kit: CommandKit, args: string[], ctx: ChatContext): Promise<Reply[]> {
  const lang = await kit.langOf(ctx);
  const parsed = parseWeekly(args);
  if (!parsed.ok) return [kit.fromParsed(lang, parsed)];
  const sub = await kit.ensure(ctx);
  await kit.subs.setWeekly(ctx, parsed.value, kit.deps.now());
  if (parsed.value === null) return [kit.text(lang, "weekly-off")];
  const day = WEEKDAY_NAMES[lang][parsed.value.weekday] as string;
  return [kit.text(lang, "weekly-set", { day, time: parsed.value.time, timezone: sub.timezone })];
}

/** /schedule (daily times, off, or the weekly briefing) and /timezone. */
export function scheduleCommands(kit: CommandKit): Pick<CommandTable, "schedule" | "timezone"> {
  return {
    schedule: async (args, ctx) => {
      const weekly = weeklyKeywordLength(args);
      if (weekly > 0) return await scheduleWeekly(kit, args.slice(weekly), ctx);
      const lang = await kit.langOf(ctx);
      const sub = await kit.ensure(ctx);
      if (args.length === 1 && OFF_WORDS.includes(foldDiacritics(args[0] ?? ""))) {
        await kit.subs.setTimes(ctx, [], kit.deps.now());
        return [kit.text(lang, "schedule-off")];
      }
      const parsed = parseTimes(args, MAX_TIMES);
      if (!parsed.ok) {
        return [
          parsed.key === "too-many-times"
            ? kit.error(lang, parsed.key, { max: MAX_TIMES })
            : kit.fromParsed(lang, parsed),
        ];
      }
      await kit.subs.setTimes(ctx, parsed.value, kit.deps.now());
      return [kit.text(lang, "schedule-set", { times: parsed.value.join(", "), timezone: sub.timezone })];
    },
    timezone: async (args, ctx) => {
      const lang = await kit.langOf(ctx);
      const parsed = parseTimezone(args);
      if (!parsed.ok) return [kit.fromParsed(lang, parsed)];
      await kit.ensure(ctx);
      await kit.subs.setTimezone(ctx, parsed.value, kit.deps.now());
      return [kit.text(lang, "timezone-set", { timezone: parsed.value })];
    },
  };
}
