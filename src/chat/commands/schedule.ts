import { WEEKDAY_NAMES } from "../../domain/index.js";
import { foldDiacritics } from "../../text/index.js";
import { parseTimes, parseTimezone, parseWeekly, weeklyKeywordLength } from "../arguments.js";
import type { CommandKit, CommandTable } from "../command-kit.js";
import type { ChatContext, Reply } from "../reply.js";

const MAX_TIMES = 6;
const OFF_WORDS = ["off", "tat", "none"];

/** /schedule weekly sun 19:00 (or "hàng tuần CN 19h", or "weekly off"): the week's briefing. */
function scheduleWeekly(kit: CommandKit, args: string[], ctx: ChatContext): Reply[] {
  const lang = kit.langOf(ctx);
  const parsed = parseWeekly(args);
  if (!parsed.ok) return [kit.fromParsed(lang, parsed)];
  const sub = kit.ensure(ctx);
  kit.subs.setWeekly(ctx, parsed.value, kit.deps.now());
  if (parsed.value === null) return [kit.text(lang, "weekly-off")];
  const day = WEEKDAY_NAMES[lang][parsed.value.weekday] as string;
  return [kit.text(lang, "weekly-set", { day, time: parsed.value.time, timezone: sub.timezone })];
}

/** /schedule (daily times, off, or the weekly briefing) and /timezone. */
export function scheduleCommands(kit: CommandKit): Pick<CommandTable, "schedule" | "timezone"> {
  return {
    schedule: (args, ctx) => {
      const weekly = weeklyKeywordLength(args);
      if (weekly > 0) return scheduleWeekly(kit, args.slice(weekly), ctx);
      const lang = kit.langOf(ctx);
      const sub = kit.ensure(ctx);
      if (args.length === 1 && OFF_WORDS.includes(foldDiacritics(args[0] ?? ""))) {
        kit.subs.setTimes(ctx, [], kit.deps.now());
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
      kit.subs.setTimes(ctx, parsed.value, kit.deps.now());
      return [kit.text(lang, "schedule-set", { times: parsed.value.join(", "), timezone: sub.timezone })];
    },
    timezone: (args, ctx) => {
      const lang = kit.langOf(ctx);
      const parsed = parseTimezone(args);
      if (!parsed.ok) return [kit.fromParsed(lang, parsed)];
      kit.ensure(ctx);
      kit.subs.setTimezone(ctx, parsed.value, kit.deps.now());
      return [kit.text(lang, "timezone-set", { timezone: parsed.value })];
    },
  };
}
