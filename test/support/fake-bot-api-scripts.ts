import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiCall } from "./fake-bot-api-state.js";
import { readBody } from "./fake-bot-api-wire.js";

export interface ScriptedError {
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: Record<string, unknown>;
}

/**
 * An odd answer to script for a method, as other Bot API servers and proxies give them: any
 * status with any body (an error without `error_code` or `description`, an HTML 502, an empty
 * body), a connection reset before any answer, or the normal answer after a delay.
 */
export type OddAnswer =
  | { readonly status: number; readonly body: string; readonly contentType?: string }
  | { readonly reset: true }
  | { readonly delayMs: number };

/** The odd answers real servers give, by name. */
export const ODD_ANSWERS = {
  noErrorFields: { status: 400, body: JSON.stringify({ ok: false }) },
  noDescription: { status: 400, body: JSON.stringify({ ok: false, error_code: 400 }) },
  noErrorCode: { status: 400, body: JSON.stringify({ ok: false, description: "Bad Request: not supported here" }) },
  html502: {
    status: 502,
    contentType: "text/html",
    body: "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
  },
  empty: { status: 502, body: "" },
  reset: { reset: true },
} as const satisfies Record<string, OddAnswer>;

/** The real answers for the permanent failures Bantin must handle. */
export const BLOCKED: ScriptedError = { error_code: 403, description: "Forbidden: bot was blocked by the user" };
export const CHAT_NOT_FOUND: ScriptedError = { error_code: 400, description: "Bad Request: chat not found" };

/**
 * Gives a scripted odd answer, recording the call first; true when the request is dealt with.
 * A delay only holds the request, which is then answered normally (false).
 */
export async function answerOddly(
  odd: OddAnswer | undefined,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
  record: (call: ApiCall) => void,
): Promise<boolean> {
  if (odd === undefined) return false;
  if ("delayMs" in odd) {
    await new Promise((resolve) => setTimeout(resolve, odd.delayMs));
    return false;
  }
  record({ method, params: await readBody(req), status: "reset" in odd ? 0 : odd.status });
  if ("reset" in odd) req.socket.destroy();
  else {
    res.writeHead(odd.status, odd.contentType === undefined ? {} : { "content-type": odd.contentType });
    res.end(odd.body);
  }
  return true;
}
