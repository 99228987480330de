import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeMessage } from "./fake-discord-state.js";

export const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
};

export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : JSON.parse(text);
}

/** A stored message as Discord's API returns it (the message object). */
export const wireMessage = (m: FakeMessage) => ({
  id: m.id,
  type: 0,
  channel_id: m.channelId,
  content: m.content,
  embeds: m.embeds,
  nonce: m.nonce,
  author: { id: "1000", username: "bantin", bot: true },
  timestamp: new Date().toISOString(),
  tts: false,
  mention_everyone: false,
  mentions: [],
  attachments: [],
  pinned: false,
});
