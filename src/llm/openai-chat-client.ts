import type { ChatComplete, ChatMessage } from "../analyze/llm-summarizer.js";

/** Where and how to reach an OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, vLLM …). */
export interface OpenAiChatOptions {
  /** E.g. "https://api.openai.com/v1" or "http://127.0.0.1:11434/v1"; "/chat/completions" is appended. */
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string | undefined;
  readonly timeoutMs: number;
  /** Injected for tests; the global fetch otherwise. */
  readonly fetch?: typeof fetch;
}

/** An answer we could not use, with what went wrong in words an operator can act on. */
export class LlmRequestError extends Error {
  override readonly name = "LlmRequestError";
}

/** Cap on the answer body: a summary is a few hundred bytes, so anything huge is a broken server. */
const MAX_ANSWER_BYTES = 256 * 1024;

/**
 * `ChatComplete` over HTTP: one POST to `{baseUrl}/chat/completions` with temperature 0 and a
 * JSON response format, a timeout over the whole exchange, and the first choice's content back.
 */
export function createOpenAiChatClient(options: OpenAiChatOptions): ChatComplete {
  const doFetch = options.fetch ?? fetch;
  const url = `${options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  return async (messages: readonly ChatMessage[]) => {
    let response: Response;
    try {
      response = await doFetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: options.model,
          messages,
          temperature: 0,
          response_format: { type: "json_object" },
        }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      const e = error as Error;
      const timedOut = e.name === "TimeoutError" || e.name === "AbortError";
      throw new LlmRequestError(
        timedOut ? `LLM timed out after ${options.timeoutMs} ms` : `LLM unreachable: ${e.message}`,
      );
    }
    const body = await response.text().catch(() => "");
    if (!response.ok) throw new LlmRequestError(`LLM answered HTTP ${response.status}: ${body.slice(0, 200)}`);
    if (body.length > MAX_ANSWER_BYTES) throw new LlmRequestError("LLM answer too large");
    let json: { choices?: { message?: { content?: unknown } }[] };
    try {
      json = JSON.parse(body) as typeof json;
    } catch {
      throw new LlmRequestError("LLM answer is not JSON");
    }
    const content = json.choices?.[0]?.message?.content;
    if (typeof content !== "string") throw new LlmRequestError("LLM answer has no message content");
    return content;
  };
}
