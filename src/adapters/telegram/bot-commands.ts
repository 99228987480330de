import type { Api } from "grammy";
import { COMMANDS } from "../../chat/index.js";
import type { Lang } from "../../domain/index.js";

/**
 * The command menu in Vietnamese and English (Telegram picks by the user's language_code),
 * and the default language for everyone else.
 */
export async function registerBotCommands(api: Api, defaultLang: Lang): Promise<void> {
  const list = (lang: Lang) => COMMANDS.map((c) => ({ command: c.name, description: c.help[lang] }));
  await api.setMyCommands(list("vi"), { language_code: "vi" });
  await api.setMyCommands(list("en"), { language_code: "en" });
  await api.setMyCommands(list(defaultLang));
}
