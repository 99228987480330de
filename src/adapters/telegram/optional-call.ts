import { GrammyError, HttpError } from "grammy";
import type { Logger } from "../../domain/index.js";

/**
 * The server's answer to a failed Bot API call, in words, whatever its shape: a Telegram error
 * with or without `error_code` and `description` (other Bot API servers leave them out), a body
 * that is not JSON (a proxy's HTML 502), an empty body, a reset connection or a timeout.
 */
export function describeBotApiError(error: unknown): string {
  if (error instanceof GrammyError) {
    // grammY types both as present; another server may send neither.
    const code = (error.error_code as number | undefined) ?? "no error_code";
    const description = (error.description as string | undefined) ?? "no description";
    return `${code}: ${description}`;
  }
  if (error instanceof HttpError) {
    const cause = error.error as
      | { message?: unknown; type?: unknown; code?: unknown; cause?: { code?: unknown } }
      | undefined;
    const message = typeof cause?.message === "string" ? cause.message : String(cause);
    // node-fetch's "invalid-json" (grammY's client on Node) or a bare SyntaxError. Its message
    // holds the request URL, and with it the token: it is never repeated.
    if (cause instanceof SyntaxError || cause?.type === "invalid-json") {
      return /end of JSON input/i.test(message) ? "an empty answer, not JSON" : "an answer that is not JSON";
    }
    const code = typeof cause?.code === "string" ? cause.code : cause?.cause?.code;
    if (typeof code === "string") return `no answer (${code})`;
    return /timed out/i.test(message) ? "no answer in time" : "no answer";
  }
  return (error as Error)?.message ?? String(error);
}

/**
 * Run a Bot API call the bot can do without (the command menu, answering a button, an edit):
 * when it fails, one warning line names the method and the server's answer, and the bot goes
 * on. Resolves with the result, or undefined after a failure.
 */
export async function optionalCall<T>(logger: Logger, method: string, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    logger.warn({ method, answer: describeBotApiError(error) }, `telegram ${method} failed; carrying on without it`);
    return undefined;
  }
}
