import type { Logger } from "../domain/index.js";
import { summarizeExtractive } from "./extractive-summarizer.js";
import { checkGrounding } from "./grounding.js";
import type { Summarizer, Summary, SummaryRequest } from "./summarizer.js";

/** One chat-completions message. */
export interface ChatMessage {
  readonly role: "system" | "user";
  readonly content: string;
}

/** Sends messages to a chat model and returns the answer's text; throws on timeout or HTTP failure. */
export type ChatComplete = (messages: readonly ChatMessage[]) => Promise<string>;

/** Characters of each article the model sees: leads carry the news, and prompts stay cheap. */
const DOC_CHARS = 1500;

/** The prompt: Vietnamese (or English) output, JSON only, item ids cited, nothing beyond the sources. */
export function buildLlmPrompt(req: SummaryRequest): ChatMessage[] {
  const language = req.lang === "vi" ? "tiếng Việt" : "English";
  const system = [
    `You summarise one news event for a chat briefing, in ${language}.`,
    `Write one or two sentences, at most ${req.maxChars} characters: who did what, where, when.`,
    "Use only facts stated in the articles: every name, number and date must appear in them.",
    'Answer with JSON only: {"summary": "...", "cited": ["<id of each article you used>"]}.',
  ].join(" ");
  const articles = req.docs.map((d) => `[${d.id}] ${d.title}\n${d.text.slice(0, DOC_CHARS)}`).join("\n\n");
  return [
    { role: "system", content: system },
    { role: "user", content: articles },
  ];
}

export type LlmAnswer =
  | { readonly ok: true; readonly text: string; readonly citedIds: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/** Validates the model's answer: JSON, a summary within length, citations of real items, grounded in them. */
export function parseLlmAnswer(content: string, req: SummaryRequest): LlmAnswer {
  // Some servers wrap JSON in a code fence even when asked not to.
  const body = content.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, "");
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: "answer is not JSON" };
  }
  const { summary, cited } = (json ?? {}) as { summary?: unknown; cited?: unknown };
  if (typeof summary !== "string" || summary.trim() === "") return { ok: false, reason: "no summary in answer" };
  const text = summary.replace(/\s+/gu, " ").trim();
  if (text.length > req.maxChars) return { ok: false, reason: `summary too long (${text.length} > ${req.maxChars})` };
  const ids = new Set(req.docs.map((d) => d.id));
  const citedIds = Array.isArray(cited) ? cited.map(String) : [];
  if (citedIds.length === 0 || citedIds.some((id) => !ids.has(id))) {
    return { ok: false, reason: "citations missing or naming unknown items" };
  }
  const grounding = checkGrounding(
    text,
    req.docs.filter((d) => citedIds.includes(d.id)).map((d) => `${d.title}\n${d.text}`),
  );
  if (!grounding.ok) return { ok: false, reason: `not in the cited sources: ${grounding.unsupported.join(", ")}` };
  return { ok: true, text, citedIds };
}

export interface LlmSummarizerOptions {
  readonly complete: ChatComplete;
  /** Calls allowed per UTC day; past it, summaries are extractive until midnight. */
  readonly dailyBudget: number;
  readonly now: () => number;
  readonly logger: Logger;
}

/**
 * The optional LLM summarizer behind the common interface. Any failure (budget spent, timeout,
 * HTTP error, malformed or ungrounded answer) falls back to the extractive summary, with one
 * log line saying why: a briefing never waits on, or repeats a lie from, a model.
 */
export function createLlmSummarizer(options: LlmSummarizerOptions): Summarizer {
  let day = "";
  let calls = 0;
  const fallback = (req: SummaryRequest, reason: string): Summary => {
    options.logger.warn({ reason, docs: req.docs.map((d) => d.id) }, "llm summary rejected, using extractive");
    return summarizeExtractive(req);
  };
  return {
    async summarize(req) {
      if (req.docs.length === 0) return summarizeExtractive(req);
      const today = new Date(options.now()).toISOString().slice(0, 10);
      if (today !== day) {
        day = today;
        calls = 0;
      }
      if (calls >= options.dailyBudget) return fallback(req, "daily call budget spent");
      calls += 1;
      let content: string;
      try {
        content = await options.complete(buildLlmPrompt(req));
      } catch (error) {
        return fallback(req, (error as Error).message);
      }
      const answer = parseLlmAnswer(content, req);
      if (!answer.ok) return fallback(req, answer.reason);
      return { text: answer.text, citedIds: answer.citedIds, method: "llm" };
    },
  };
}
