import { describe, expect, it } from "vitest";
import { chatId, chatPlace } from "../../../src/domain/index.js";
import { ODD_ANSWERS, type OddAnswer } from "../../support/fake-bot-api.js";
import { recordingLogger } from "../../support/recording-logger.js";
import { useTelegramBots } from "../../support/telegram-bot-harness.js";
import { useTempDir } from "../../support/temp-dir.js";

const tempDir = useTempDir();
const telegramBot = useTelegramBots(tempDir);

/** Every optional call a running bot makes, each failing in a different way another server might. */
const OPTIONAL_FAILURES: Readonly<Record<string, OddAnswer>> = {
  setMyCommands: ODD_ANSWERS.noErrorFields,
  deleteWebhook: ODD_ANSWERS.html502,
  getChatMember: ODD_ANSWERS.reset,
  answerCallbackQuery: ODD_ANSWERS.empty,
  editMessageReplyMarkup: ODD_ANSWERS.noDescription,
};

describe("a Bot API server whose optional methods all fail", () => {
  it("start-up goes on: one warning per failed call names the method and the answer; commands are served", async () => {
    const logger = recordingLogger();
    const { fake, say, subscriptions } = await telegramBot({
      logger,
      beforeStart: (api) => {
        for (const [method, answer] of Object.entries(OPTIONAL_FAILURES)) api.scriptMethod(method, answer);
      },
    });
    const [start] = await say(601, "/start");
    expect(start?.plainText).toContain("Bantin gửi bản tin ngắn");
    const [subscribed] = await say(601, "/subscribe my trieu");
    expect(subscribed?.plainText).toBe("Đã đăng ký: Mỹ – Triều.");
    const [digest] = await say(601, "/digest");
    expect(digest?.plainText).toContain("Bản tin <my-trieu>");
    const warnings = logger.lines.filter((l) => l.level === "warn");
    expect(warnings.filter((w) => w.fields.method === "setMyCommands")).toHaveLength(3);
    expect(warnings.find((w) => w.fields.method === "setMyCommands")?.fields.answer).toBe(
      "no error_code: no description",
    );
    expect(warnings.find((w) => w.fields.method === "deleteWebhook")?.fields.answer).toBe("an answer that is not JSON");
    expect(subscriptions.get(chatPlace("telegram", chatId(601)))).toMatchObject({ active: true, topics: ["my-trieu"] });
    expect(fake.isPolling()).toBe(true);
  });

  it("getChatMember unavailable: a group member is treated as no admin and told why; a digest still comes", async () => {
    const logger = recordingLogger();
    const { say, subscriptions } = await telegramBot({
      logger,
      beforeStart: (api) => api.scriptMethod("getChatMember", ODD_ANSWERS.reset),
    });
    const [refused] = await say(-602, "/subscribe", { userId: 5, chatType: "group" });
    expect(refused?.plainText).toContain("Không kiểm tra được bạn có phải quản trị viên nhóm không");
    expect(subscriptions.get(chatPlace("telegram", chatId(-602)))).toBeUndefined();
    const [digest] = await say(-602, "/digest", { userId: 5, chatType: "group" });
    expect(digest?.plainText).toContain("Bản tin");
    expect(logger.lines.find((l) => l.fields.method === "getChatMember")?.fields.answer).toMatch(/^no answer/);
  });

  it("a topic button whose answer and edit both fail still toggles the topic", async () => {
    const { fake, say, subscriptions } = await telegramBot({
      beforeStart: (api) => {
        api.scriptMethod("answerCallbackQuery", ODD_ANSWERS.empty);
        api.scriptMethod("editMessageReplyMarkup", ODD_ANSWERS.html502);
      },
    });
    const [list] = await say(603, "/topics");
    if (list === undefined) throw new Error("no /topics reply");
    fake.pressButton(list, "t:lien-trieu");
    await fake.waitFor(() => fake.calls.some((c) => c.method === "editMessageReplyMarkup"));
    expect(subscriptions.get(chatPlace("telegram", chatId(603)))).toMatchObject({ topics: ["lien-trieu"] });
    // The bot is still serving.
    const [help] = await say(603, "/help");
    expect(help?.plainText).toContain("/subscribe");
  });

  it("a command menu the server refused is set again later, once the server takes it", async () => {
    const { fake } = await telegramBot({
      menuRetryMs: 200,
      beforeStart: (api) => api.scriptMethod("setMyCommands", ODD_ANSWERS.empty),
    });
    const menus = () => fake.calls.filter((c) => c.method === "setMyCommands");
    expect(menus().map((c) => c.status)).toEqual([502, 502, 502]);
    fake.scriptMethod("setMyCommands", undefined);
    await fake.waitFor(() => menus().filter((c) => c.status === 200).length === 3);
    expect(
      menus()
        .slice(3)
        .map((c) => c.params.language_code),
    ).toEqual(["vi", "en", undefined]);
  });
});

describe("updates of shapes the bot does not handle", () => {
  it("member changes, reactions, edits, a channel post without `from` and a button without its message: no crash, the next command answered", async () => {
    const logger = recordingLogger();
    const { fake, say } = await telegramBot({ logger });
    const chat = { id: 604, type: "private", first_name: "U" };
    const user = { id: 604, is_bot: false, first_name: "U" };
    const member = (status: string) => ({ user, status });
    fake.pushUpdate({
      my_chat_member: {
        chat,
        from: user,
        date: 1,
        old_chat_member: member("member"),
        new_chat_member: member("kicked"),
      },
    });
    fake.pushUpdate({
      chat_member: { chat, from: user, date: 1, old_chat_member: member("left"), new_chat_member: member("member") },
    });
    fake.pushUpdate({ message_reaction: { chat, message_id: 1, date: 1, old_reaction: [], new_reaction: [] } });
    fake.pushUpdate({ edited_message: { message_id: 1, date: 1, edit_date: 2, chat, from: user, text: "/digest" } });
    fake.pushUpdate({
      channel_post: { message_id: 2, date: 1, chat: { id: -1001604, type: "channel", title: "C" }, text: "hello" },
    });
    fake.pushUpdate({ callback_query: { id: "cb-x", from: user, chat_instance: "ci", data: "t:my-trieu" } });
    const [help] = await say(604, "/help");
    expect(help?.plainText).toContain("/subscribe");
    expect(fake.messagesTo(604)).toHaveLength(1);
    expect(logger.lines.filter((l) => l.level === "error")).toEqual([]);
    expect(fake.calls.find((c) => c.method === "answerCallbackQuery")?.params.callback_query_id).toBe("cb-x");
  });

  it("commands for another bot are ignored, ours answered, whatever the case and spacing", async () => {
    const { fake, say } = await telegramBot();
    fake.userSays({ chatId: -605, chatType: "group", userId: 3, text: "/digest@OtherBot" });
    fake.userSays({ chatId: -605, chatType: "group", userId: 3, text: "  /help@OtherBot  " });
    const [ours] = await say(-605, "/digest@BantinTestBot", { userId: 3, chatType: "group" });
    expect(ours?.plainText).toContain("Bản tin");
    const [upper] = await say(-605, "/DIGEST@bantintestbot", { userId: 3, chatType: "group" });
    expect(upper?.plainText).toContain("Bản tin");
    const [spaced] = await say(-605, "   /digest     my-trieu   ", { userId: 3, chatType: "group" });
    expect(spaced?.plainText).toContain("Bản tin <my-trieu>");
    const [lines] = await say(-605, "/Digest\nmy-trieu", { userId: 3, chatType: "group" });
    expect(lines?.plainText).toContain("Bản tin <my-trieu>");
    expect(fake.messagesTo(-605)).toHaveLength(4);
  });
});

describe("sendMessage answers of every shape", () => {
  const cases: readonly [string, OddAnswer, string][] = [
    ["an error without error_code or description", ODD_ANSWERS.noErrorFields, "no error_code: no description"],
    ["an HTML 502 from a proxy", ODD_ANSWERS.html502, "an answer that is not JSON"],
    ["an empty body", ODD_ANSWERS.empty, "an empty answer, not JSON"],
    ["a reset connection", ODD_ANSWERS.reset, "no answer"],
  ];
  for (const [name, answer, description] of cases) {
    it(`${name}: the outcome is unknown (maybe delivered), said in words, never a throw`, async () => {
      const { fake, bot } = await telegramBot();
      fake.scriptMethod("sendMessage", answer);
      const result = await bot.bulkSender.send(chatId(606), ["<b>Bản tin</b>"]);
      expect(result).toMatchObject({ status: "failed", outcome: "unknown", sentParts: 0 });
      expect(result.status === "failed" && result.description).toContain(description);
    });
  }

  it("a server that answers slowly: the send waits for it and succeeds", async () => {
    const { fake, bot } = await telegramBot();
    fake.scriptMethod("sendMessage", { delayMs: 1_500 });
    const result = await bot.bulkSender.send(chatId(607), ["<b>Bản tin</b>"]);
    expect(result).toMatchObject({ status: "ok" });
    expect(fake.messagesTo(607)).toHaveLength(1);
  });
});
