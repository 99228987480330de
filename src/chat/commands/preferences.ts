import { parseLang, parseOnOff } from "../arguments.js";
import type { CommandKit, CommandTable } from "../command-kit.js";

/** /lang and /alerts. */
export function preferenceCommands(kit: CommandKit): Pick<CommandTable, "lang" | "alerts"> {
  return {
    lang: async (args, ctx) => {
      const parsed = parseLang(args);
      if (!parsed.ok) return [kit.fromParsed(await kit.langOf(ctx), parsed)];
      await kit.ensure(ctx);
      await kit.subs.setLang(ctx, parsed.value, kit.deps.now());
      return [kit.text(parsed.value, "lang-set")];
    },
    alerts: async (args, ctx) => {
      const lang = await kit.langOf(ctx);
      const parsed = parseOnOff(args);
      if (!parsed.ok) return [kit.fromParsed(lang, parsed)];
      await kit.ensure(ctx);
      await kit.subs.setAlerts(ctx, parsed.value, kit.deps.now());
      return [kit.text(lang, parsed.value ? "alerts-on" : "alerts-off")];
    },
  };
}
