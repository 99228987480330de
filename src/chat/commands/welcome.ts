import { isChatGone } from "../../domain/index.js";
import type { CommandKit, CommandTable } from "../command-kit.js";

/** /start and /help. */
export function welcomeCommands(kit: CommandKit): Pick<CommandTable, "start" | "help"> {
  const { subs } = kit;
  return {
    start: async (_args, ctx) => {
      const sub = await subs.get(ctx);
      const lang = await kit.langOf(ctx, sub);
      // Only a platform refusal is undone by /start; a chat that unsubscribed stays unsubscribed.
      if (sub !== undefined && isChatGone(sub.deactivatedReason)) {
        await subs.reactivate(ctx, kit.deps.now());
        return [kit.text(lang, "reactivated"), { kind: "help", lang, intro: false }];
      }
      return [{ kind: "help", lang, intro: true }];
    },
    help: async (_args, ctx) => [{ kind: "help", lang: await kit.langOf(ctx), intro: true }],
  };
}
