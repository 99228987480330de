import { afterEach, describe, expect, it } from "vitest";
import { summarizeExtractive } from "../../src/analyze/extractive-summarizer.js";
import { checkGrounding } from "../../src/analyze/grounding.js";
import { createLlmSummarizer, parseLlmAnswer } from "../../src/analyze/llm-summarizer.js";
import type { SummaryDoc, SummaryRequest } from "../../src/analyze/summarizer.js";
import { type Logger, silentLogger } from "../../src/domain/index.js";
import { createConfiguredSummarizer } from "../../src/llm/configured-summarizer.js";
import { createOpenAiChatClient } from "../../src/llm/openai-chat-client.js";
import { type FakeOpenAi, type FakeOpenAiReply, startFakeOpenAi } from "../support/fake-openai.js";

const docs: SummaryDoc[] = [
  {
    id: "101",
    title: "Đặc phái viên Mỹ Stephen Biegun thăm Bình Nhưỡng",
    text: "Đặc phái viên Mỹ về Triều Tiên Stephen Biegun vừa kết thúc chuyến thăm 3 ngày đến Bình Nhưỡng để chuẩn bị cho Hội nghị thượng đỉnh thứ 2 vào ngày 27-28/2. Hai bên nhất trí tiếp tục có thêm cuộc gặp.",
  },
  {
    id: "102",
    title: "Mỹ - Triều nhất trí tiếp tục đối thoại",
    text: "Theo Bộ Ngoại giao Mỹ, ông Biegun và người đồng cấp Triều Tiên nhất trí tiếp tục đối thoại trước thềm Thượng đỉnh lần 2.",
  },
];
const request: SummaryRequest = { docs, lang: "vi", maxChars: 300 };
const GOOD = JSON.stringify({
  summary:
    "Đặc phái viên Mỹ Stephen Biegun kết thúc chuyến thăm 3 ngày tới Bình Nhưỡng, chuẩn bị cho Hội nghị thượng đỉnh ngày 27-28/2.",
  cited: ["101"],
});

function recordingLogger(lines: string[]): Logger {
  const log = (obj: object | string, msg?: string) => lines.push(`${msg ?? ""} ${JSON.stringify(obj)}`);
  const logger: Logger = { error: log, warn: log, info: log, debug: log, child: () => logger };
  return logger;
}

let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function summarizerFor(
  reply: (n: number) => FakeOpenAiReply,
  lines: string[] = [],
  dailyBudget = 10,
  timeoutMs = 2000,
) {
  let n = 0;
  fake = await startFakeOpenAi(() => reply(n++));
  const complete = createOpenAiChatClient({ baseUrl: fake.baseUrl, model: "test-model", apiKey: "sk-test", timeoutMs });
  let now = Date.UTC(2026, 10, 21, 10);
  const summarizer = createLlmSummarizer({ complete, dailyBudget, now: () => now, logger: recordingLogger(lines) });
  return { summarizer, advance: (ms: number) => (now += ms) };
}

describe("the LLM summarizer against a fake OpenAI-compatible server", () => {
  it("returns a grounded Vietnamese summary citing the items, after one well-formed request", async () => {
    const { summarizer } = await summarizerFor(() => ({ content: GOOD }));
    const summary = await summarizer.summarize(request);
    expect(summary).toEqual({ text: JSON.parse(GOOD).summary, citedIds: ["101"], method: "llm" });
    const sent = fake!.requests[0]!;
    expect(sent.path).toBe("/v1/chat/completions");
    expect(sent.authorization).toBe("Bearer sk-test");
    expect(sent.body.model).toBe("test-model");
    expect(sent.body.messages[0]!.content).toMatch(/tiếng Việt/);
    expect(sent.body.messages[1]!.content).toContain("[101]");
  });

  it("falls back to the extractive summary, with a log line, when the model lies", async () => {
    const lines: string[] = [];
    const lie = JSON.stringify({
      summary: "Ông Donald Trump gặp Kim Jong-un ngày 12/6 tại Singapore.",
      cited: ["101"],
    });
    const { summarizer } = await summarizerFor(() => ({ content: lie }), lines);
    const summary = await summarizer.summarize(request);
    expect(summary).toEqual(summarizeExtractive(request));
    expect(lines.join("\n")).toMatch(/not in the cited sources: .*12\/6/);
  });

  it("falls back on server errors, timeouts, non-JSON answers and unknown citations", async () => {
    const answers: FakeOpenAiReply[] = [
      { status: 500, body: '{"error":{"message":"boom"}}' },
      { content: GOOD, delayMs: 1500 },
      { content: "Đây là tóm tắt." },
      { content: JSON.stringify({ summary: "Ông Biegun thăm Bình Nhưỡng.", cited: ["999"] }) },
      { content: JSON.stringify({ summary: "x".repeat(400), cited: ["101"] }) },
    ];
    const lines: string[] = [];
    const { summarizer } = await summarizerFor((n) => answers[n]!, lines, 10, 300);
    for (let i = 0; i < answers.length; i++) {
      expect((await summarizer.summarize(request)).method).toBe("extractive");
    }
    const log = lines.join("\n");
    expect(log).toMatch(/HTTP 500/);
    expect(log).toMatch(/timed out after 300 ms/);
    expect(log).toMatch(/not JSON/);
    expect(log).toMatch(/unknown items/);
    expect(log).toMatch(/too long/);
  });

  it("stops calling the model when the daily budget is spent, and resumes the next day", async () => {
    const lines: string[] = [];
    const { summarizer, advance } = await summarizerFor(() => ({ content: GOOD }), lines, 2);
    const methods = [];
    for (let i = 0; i < 3; i++) methods.push((await summarizer.summarize(request)).method);
    expect(methods).toEqual(["llm", "llm", "extractive"]);
    expect(fake!.requests).toHaveLength(2);
    expect(lines.join("\n")).toMatch(/daily call budget spent/);
    advance(24 * 3_600_000);
    expect((await summarizer.summarize(request)).method).toBe("llm");
  });
});

describe("checkGrounding", () => {
  it("accepts numbers, dates and names found in the sources, however they are written", () => {
    expect(
      checkGrounding("Khoảng 105.000 người ở Bình Nhưỡng ngày 5/10.", ["105000 người tại Binh Nhuong hôm 5/10"]),
    ).toEqual({
      ok: true,
    });
  });

  it("rejects invented figures and people", () => {
    expect(checkGrounding("Ông Moon Jae-in nói 40 người chết.", ["Ông Yoon nói 4 người bị thương."])).toEqual({
      ok: false,
      unsupported: ["40", "Moon Jae-in"],
    });
  });
});

describe("parseLlmAnswer", () => {
  it("reads JSON inside a code fence", () => {
    expect(parseLlmAnswer(`\`\`\`json\n${GOOD}\n\`\`\``, request)).toMatchObject({ ok: true, citedIds: ["101"] });
  });
});

describe("createConfiguredSummarizer", () => {
  it("is offline and extractive unless an endpoint and a model are configured", async () => {
    const offline = createConfiguredSummarizer({ timeoutMs: 100, dailyBudget: 1, logger: silentLogger, now: Date.now });
    expect((await offline.summarize(request)).method).toBe("extractive");
    fake = await startFakeOpenAi(() => ({ content: GOOD }));
    const online = createConfiguredSummarizer({
      llmBaseUrl: fake.baseUrl,
      llmModel: "m",
      timeoutMs: 2000,
      dailyBudget: 1,
      logger: silentLogger,
      now: Date.now,
    });
    expect((await online.summarize(request)).method).toBe("llm");
  });
});
