import { ConfigError } from "../config/index.js";

export interface PlatformLogin {
  /** "Telegram" or "Discord", as the user knows it. */
  readonly platform: string;
  /** The variable holding the token (TELEGRAM_BOT_TOKEN, DISCORD_TOKEN). */
  readonly tokenVariable: string;
  /** The variable that points at another server, named when the server cannot be reached. */
  readonly apiVariable: string;
}

/**
 * Runs a platform's login. A token the platform refuses, or a server that cannot be reached,
 * is a start-up configuration problem: it ends start-up with one line naming the variable and
 * what to do, not with a library's stack trace.
 */
export async function loginTo<T>(login: PlatformLogin, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (isRefusedToken(error)) {
      throw new ConfigError(
        `environment: ${login.tokenVariable}: ${login.platform} refused this token (401 Unauthorized); copy the bot's token again and restart`,
      );
    }
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === "number" && status >= 500) {
      throw new ConfigError(
        `environment: ${login.apiVariable}: ${login.platform} answered HTTP ${status} at login (a proxy or an outage); try again later, or check the address`,
      );
    }
    const unreachable = networkCode(error);
    if (unreachable !== undefined) {
      throw new ConfigError(
        `environment: ${login.apiVariable}: could not reach ${login.platform} (${unreachable}); check the address (unset it to use ${login.platform}'s own) and the network`,
      );
    }
    throw error;
  }
}

/** discord.js says TokenInvalid; grammY's getMe answers 401. */
function isRefusedToken(error: unknown): boolean {
  const e = error as { code?: unknown; error_code?: unknown; status?: unknown } | null;
  return e?.code === "TokenInvalid" || e?.error_code === 401 || e?.status === 401;
}

const networkCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNRESET", "EHOSTUNREACH"]);

/** The socket error code somewhere down the error's cause chain, if any. */
function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === "object"; depth += 1) {
    const { code, cause, error: inner } = current as { code?: unknown; cause?: unknown; error?: unknown };
    if (typeof code === "string" && networkCodes.has(code)) return code;
    current = cause ?? inner;
  }
  return undefined;
}
