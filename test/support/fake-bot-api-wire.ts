import type { IncomingMessage } from "node:http";

/** One Bot API answer: its HTTP status and JSON body (`{ok:true,result}` or `{ok:false,error_code,description}`). */
export type Answer = { status: number; body: Record<string, unknown> };

export const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });

export const fail = (error_code: number, description: string, parameters?: Record<string, unknown>): Answer => ({
  status: error_code,
  body: { ok: false, error_code, description, ...(parameters === undefined ? {} : { parameters }) },
});

/** A form field may hold JSON (reply_markup, commands); anything else is kept as it came. */
export function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** JSON, form-encoded or empty bodies, as the Bot API accepts them (multipart is not needed here). */
export async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (raw === "") return {};
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  if (type.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries([...new URLSearchParams(raw)].map(([k, v]) => [k, parseMaybeJson(v)]));
  }
  return {};
}

/** Telegram's wording: "Bad Request: can't parse entities: Unsupported start tag …". */
export function asTelegramDescription(error: string): string {
  if (error.startsWith("Bad Request: ")) return error;
  return `Bad Request: can't parse entities: ${error.replace(/^Can't parse entities: /, "")}`;
}
