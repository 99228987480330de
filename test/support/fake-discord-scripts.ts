import type { IncomingMessage, ServerResponse } from "node:http";

/** What the next matching POST /channels/:id/messages does instead of succeeding. */
export type ScriptedFailure =
  | { readonly kind: "rate-limit"; readonly retryAfter: number; readonly global?: boolean }
  /** `accept`: the message is stored before the error, as when Discord's reply is lost. */
  | { readonly kind: "server-error"; readonly status?: number; readonly accept?: boolean }
  /** Never answers (the client's timeout fires); `accept` stores the message first. */
  | { readonly kind: "hang"; readonly accept?: boolean };

export type ChannelError = 50001 | 50013 | 10003;

/** Discord's answer for each channel refusal. */
export const channelErrors: Record<ChannelError, { status: number; message: string }> = {
  50001: { status: 403, message: "Missing Access" },
  50013: { status: 403, message: "Missing Permissions" },
  10003: { status: 404, message: "Unknown Channel" },
};

/**
 * An odd answer to script for a route, as proxies and other servers in front of Discord give
 * them: any status with any raw body and content type (an HTML 502, an empty body, JSON that is
 * not Discord's error shape), a connection reset before any answer, or the normal answer late.
 */
export type OddAnswer =
  | { readonly status: number; readonly body: string; readonly contentType?: string }
  | { readonly reset: true }
  | { readonly delayMs: number };

const page = (title: string) =>
  `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

/** The odd answers real proxies and servers give, by name. */
export const ODD_ANSWERS = {
  /** A proxy's error page instead of Discord's answer. */
  html502: { status: 502, contentType: "text/html", body: page("502 Bad Gateway") },
  /** A gateway that gives up with nothing to say. */
  empty: { status: 502, body: "" },
  /** Discord's own 5xx: JSON, with its message and code 0. */
  discord500: {
    status: 500,
    contentType: "application/json",
    body: JSON.stringify({ message: "500: Internal Server Error", code: 0 }),
  },
  /** A proxy or firewall refusing the request: a 4xx that is not Discord's verdict. */
  html403: { status: 403, contentType: "text/html", body: page("403 Forbidden") },
  /** A firewall's rate limit: a page, and no Retry-After (Discord's own 429 always has one). */
  html429: { status: 429, contentType: "text/html", body: page("429 Too Many Requests") },
  /** A 4xx with no body at all. */
  empty400: { status: 400, body: "" },
  /** JSON, but not Discord's error shape (no `code`, no `message`). */
  notDiscordJson: { status: 400, contentType: "application/json", body: JSON.stringify({ error: "bad request" }) },
  /** Labelled JSON, but a page. */
  htmlAsJson: { status: 400, contentType: "application/json", body: page("400 Bad Request") },
  /** A success status with a page instead of the created object (a captive portal, a misrouted proxy). */
  okHtml: { status: 200, contentType: "text/html", body: page("Welcome") },
  reset: { reset: true },
} as const satisfies Record<string, OddAnswer>;

/** "POST /channels/:id/messages" as a pattern for "POST /channels/123/messages". */
export function routePattern(method: string, route: string): RegExp {
  const segments = route
    .split("/")
    .map((s) => (s.startsWith(":") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  return new RegExp(`^${method.toUpperCase()} ${segments.join("/")}$`);
}

/** Gives a scripted odd answer: the status (0: reset), or undefined when the route answers normally (after any delay). */
export async function answerOddly(
  odd: OddAnswer | undefined,
  res: ServerResponse,
  req: IncomingMessage,
): Promise<number | undefined> {
  if (odd === undefined) return undefined;
  if ("delayMs" in odd) {
    await new Promise((resolve) => setTimeout(resolve, odd.delayMs));
    return undefined;
  }
  if ("reset" in odd) {
    req.socket.destroy();
    return 0;
  }
  // An explicit length, as proxies send: an empty body is then visibly empty, not a chunked nothing.
  const headers: Record<string, string> = { "content-length": String(Buffer.byteLength(odd.body)) };
  if (odd.contentType !== undefined) headers["content-type"] = odd.contentType;
  res.writeHead(odd.status, headers).end(odd.body);
  return odd.status;
}
