import { foldDiacritics } from "../../text/index.js";
import type { CommandKit, CommandTable } from "../command-kit.js";
import { searchEvents } from "../search-events.js";

const SEARCH_WINDOW_MS = 7 * 24 * 3600_000;
const SEARCH_POOL = 5000;
const HITS = 5;

/** /search <words>: recent stories, tone marks and diacritics ignored. */
export function searchCommands(kit: CommandKit): Pick<CommandTable, "search"> {
  return {
    search: async (args, ctx) => {
      const lang = await kit.langOf(ctx);
      const query = args.join(" ");
      if (foldDiacritics(query).replace(/[^\p{L}\p{N}]/gu, "") === "") return [kit.error(lang, "missing-query")];
      const now = kit.deps.now();
      const hits = searchEvents(query, await kit.deps.search.recentItems(now - SEARCH_WINDOW_MS, SEARCH_POOL), HITS);
      return [{ kind: "search", lang, query, hits }];
    },
  };
}
