import { createExtractiveSummarizer } from "../analyze/extractive-summarizer.js";
import { createLlmSummarizer } from "../analyze/llm-summarizer.js";
import type { Summarizer } from "../analyze/summarizer.js";
import type { Logger } from "../domain/index.js";
import { createOpenAiChatClient } from "./openai-chat-client.js";

export interface SummarizerConfig {
  /** From the environment (LLM_BASE_URL, LLM_MODEL, LLM_API_KEY); unset means offline. */
  readonly llmBaseUrl?: string | undefined;
  readonly llmModel?: string | undefined;
  readonly llmApiKey?: string | undefined;
  /** settings.llm */
  readonly timeoutMs: number;
  readonly dailyBudget: number;
  readonly logger: Logger;
  readonly now: () => number;
}

/**
 * The summarizer the bot uses: the LLM one (with its extractive fallback) when an endpoint and
 * a model are configured, the offline extractive one otherwise.
 */
export function createConfiguredSummarizer(config: SummarizerConfig): Summarizer {
  if (config.llmBaseUrl === undefined || config.llmModel === undefined) return createExtractiveSummarizer();
  const complete = createOpenAiChatClient({
    baseUrl: config.llmBaseUrl,
    model: config.llmModel,
    apiKey: config.llmApiKey,
    timeoutMs: config.timeoutMs,
  });
  return createLlmSummarizer({
    complete,
    dailyBudget: config.dailyBudget,
    now: config.now,
    logger: config.logger.child({ component: "llm-summarizer" }),
  });
}
