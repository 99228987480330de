import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake answers to one request: a chat message, an HTTP error, or silence for a while. */
export type FakeOpenAiReply =
  | { readonly content: string; readonly delayMs?: number }
  | { readonly status: number; readonly body: string; readonly delayMs?: number };

export interface FakeOpenAiRequest {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: { model: string; messages: { role: string; content: string }[]; temperature?: number };
}

export interface FakeOpenAi {
  /** Base URL as LLM_BASE_URL takes it, e.g. http://127.0.0.1:PORT/v1. */
  readonly baseUrl: string;
  readonly requests: FakeOpenAiRequest[];
  close(): Promise<void>;
}

/**
 * A loopback OpenAI-compatible chat-completions server whose answers the test decides: good,
 * slow, failing or lying. Answers in the real response shape ({choices:[{message:{content}}]}).
 */
export async function startFakeOpenAi(reply: (request: FakeOpenAiRequest) => FakeOpenAiReply): Promise<FakeOpenAi> {
  const requests: FakeOpenAiRequest[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => {
      raw += chunk.toString("utf8");
    });
    req.on("end", () => {
      const request: FakeOpenAiRequest = {
        path: req.url ?? "",
        authorization: req.headers.authorization,
        body: JSON.parse(raw || "{}") as FakeOpenAiRequest["body"],
      };
      requests.push(request);
      const answer = reply(request);
      const send = () => {
        if (res.destroyed) return;
        if ("status" in answer) {
          res.writeHead(answer.status, { "content-type": "application/json" });
          res.end(answer.body);
          return;
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            id: `chatcmpl-${requests.length}`,
            object: "chat.completion",
            model: request.body.model,
            choices: [{ index: 0, message: { role: "assistant", content: answer.content }, finish_reason: "stop" }],
          }),
        );
      };
      const timer = setTimeout(send, answer.delayMs ?? 0);
      res.on("close", () => clearTimeout(timer));
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
