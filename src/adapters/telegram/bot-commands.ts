import type { Api } from "grammy";
import { COMMANDS } from "../../chat/index.js";
import type { Lang, Logger } from "../../domain/index.js";
import { optionalCall } from "./optional-call.js";

/**
 * The command menu in Vietnamese and English (Telegram picks by the user's language_code),
 * and the default language for everyone else. The menu is a convenience: a server that refuses
 * it costs a warning each, never the bot. Resolves true when every menu was set.
 */
export async function registerBotCommands(api: Api, defaultLang: Lang, logger: Logger): Promise<boolean> {
  const list = (lang: Lang) => COMMANDS.map((c) => ({ command: c.name, description: c.help[lang] }));
  const results = [
    await optionalCall(logger, "setMyCommands", () => api.setMyCommands(list("vi"), { language_code: "vi" })),
    await optionalCall(logger, "setMyCommands", () => api.setMyCommands(list("en"), { language_code: "en" })),
    await optionalCall(logger, "setMyCommands", () => api.setMyCommands(list(defaultLang))),
  ];
  return results.every((r) => r === true);
}
