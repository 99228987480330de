import type { Readable } from "node:stream";
import { runConsoleChat } from "../adapters/console/console-chat.js";
import type { OnDemandDigestRequest } from "../chat/index.js";
import type { Env, Settings } from "../config/index.js";
import type { DigestDocument, Logger } from "../domain/index.js";
import { openDatabase } from "../store/database.js";
import { buildCommandCore } from "./command-core.js";
import { loadChatTopics } from "./topics.js";

export interface StartOptions {
  readonly env: Env;
  readonly settings: Settings;
  readonly logger: Logger;
  /** Use the console chat even when platform tokens are set. */
  readonly forceConsole: boolean;
  readonly input: Readable;
  readonly output: (text: string) => void;
}

function composeDigestNotBuilt(_request: OnDemandDigestRequest, _now: number): DigestDocument {
  throw new Error("the digest composer is not wired yet");
}

/**
 * `start`: opens the store, then runs the console chat until its input ends (with no platform
 * token, or when asked), or the platform bots until the process is stopped.
 */
export async function startBot(options: StartOptions): Promise<void> {
  const { env, settings, logger } = options;
  const db = openDatabase(env.BANTIN_DB);
  try {
    const topics = loadChatTopics(env.BANTIN_TOPICS);
    const useConsole = options.forceConsole || env.TELEGRAM_BOT_TOKEN === undefined;
    const core = buildCommandCore({
      db,
      env,
      settings,
      topics,
      logger,
      composeDigest: composeDigestNotBuilt,
      rateLimited: !useConsole,
    });
    await runConsoleChat({
      core,
      input: options.input,
      output: options.output,
      renderDigest: (doc) => doc.title,
      language: env.BANTIN_LANG,
    });
  } finally {
    db.close();
  }
}
