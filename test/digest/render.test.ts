import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DiscordLimits as DISCORD_LIMITS,
  type DiscordMessageBody as DiscordMessagePayload,
} from "../../src/adapters/discord/discord-payload.js";
import { renderDiscordMessages } from "../../src/adapters/discord/render-discord.js";
import { renderTelegramHtml } from "../../src/adapters/telegram/render-digest-html.js";
import { renderPlainText } from "../../src/digest/index.js";
import { type DigestDocument, type DigestEntry, eventId } from "../../src/domain/index.js";
import { corpusPath } from "../support/corpora.js";
import { parseTelegramHtml } from "../support/telegram-html.js";

function entry(i: number, overrides: Partial<DigestEntry> = {}): DigestEntry {
  return {
    eventId: eventId(`e${i}`),
    headline: `Mỹ và Triều Tiên nối lại đàm phán tại Stockholm ${i}`,
    summary: "Ngày 5/10, Mỹ và Triều Tiên nối lại đàm phán cấp chuyên viên tại Stockholm sau nhiều tháng bế tắc.",
    sources: [
      { name: "VnExpress", url: `https://vnexpress.net/a-${i}.html` },
      { name: "Báo Quốc tế", url: `https://baoquocte.vn/b-${i}.html` },
    ],
    articles: 3,
    isUpdate: false,
    ...overrides,
  };
}

function doc(entries: readonly DigestEntry[], lang: "vi" | "en" = "vi"): DigestDocument {
  return { lang, title: "Thứ Bảy, 21/11/2026", entries, totals: { articles: entries.length * 3, outlets: 2 } };
}

const HOSTILE: readonly string[] = [
  "<script>alert(1)</script>",
  "Tom &amp; Jerry & <b>bold",
  "unbalanced <b>bold <i>italic</b>",
  "a > b < c &lt; &#x26; &unknown;",
  "🚀🇰🇵🇺🇸 Triều Tiên 👩‍👩‍👧‍👦",
  "مرحبا بالعالم \u202Eevil\u202C עברית",
  "@everyone **bold** [link](javascript:alert(1)) `code` ||spoiler||",
  "Đàm phán ".repeat(625),
];

function hostileEntries(): DigestEntry[] {
  return HOSTILE.map((text, i) =>
    entry(i, {
      headline: text,
      summary: text,
      sources: [
        { name: text, url: "javascript:alert(1)" },
        { name: text, url: `https://example.com/?q=<b>&x="${i}"` },
        ...Array.from({ length: 12 }, (_, j) => ({
          name: `${text.slice(0, 40)}${j}`,
          url: `https://x${j}.vn/${"p".repeat(300)}`,
        })),
      ],
    }),
  );
}

function expectValidDiscord(messages: readonly DiscordMessagePayload[]): void {
  const len = (s: string | undefined) => (s === undefined ? 0 : Array.from(s).length);
  for (const m of messages) {
    expect(len(m.content)).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect((m.embeds ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
    let total = 0;
    for (const e of m.embeds ?? []) {
      expect(len(e.title)).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect(len(e.description)).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      if (e.url !== undefined) expect(e.url).toMatch(/^https?:\/\//);
      total += len(e.title) + len(e.description) + len(e.footer?.text);
    }
    expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.total);
  }
}

describe("renderTelegramHtml", () => {
  it("renders header, numbered entries with escaped text and outlet links, and totals", () => {
    const [message, ...rest] = renderTelegramHtml(doc([entry(1, { isUpdate: true })]));
    expect(rest).toEqual([]);
    expect(message).toContain("<b>📰 Bản tin · Thứ Bảy, 21/11/2026</b>");
    expect(message).toContain("<b>1. Mỹ và Triều Tiên nối lại đàm phán tại Stockholm 1</b><i> (cập nhật)</i>");
    expect(message).toContain('<a href="https://vnexpress.net/a-1.html">VnExpress</a>');
    expect(message).toContain("3 bài từ 2 nguồn");
    expect(parseTelegramHtml(message!).ok).toBe(true);
  });

  it("splits long digests between entries, each message valid and within 4096 characters", () => {
    const long = Array.from({ length: 40 }, (_, i) => entry(i, { summary: "Nội dung dài. ".repeat(60) }));
    const messages = renderTelegramHtml(doc(long));
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      const parsed = parseTelegramHtml(m);
      expect(parsed).toMatchObject({ ok: true });
    }
    // Every entry is in exactly one message, whole.
    const all = messages.join("\n");
    for (let i = 0; i < 40; i++) expect(all.split(`<b>${i + 1}. Mỹ`).length).toBe(2);
  });

  it("keeps hostile feed text inert and within limits", () => {
    const messages = renderTelegramHtml(doc(hostileEntries()));
    for (const m of messages) {
      const parsed = parseTelegramHtml(m);
      if (!parsed.ok) throw new Error(`${parsed.error}\n${m.slice(0, 300)}`);
      expect(m).not.toContain("<script>");
      expect(m).not.toMatch(/href="(?!https?:)/);
    }
    const text = messages.map((m) => (parseTelegramHtml(m) as { text: string }).text).join("\n");
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain("Tom &amp; Jerry & <b>bold");
  });

  it("says there is nothing new when the digest is empty", () => {
    const messages = renderTelegramHtml({ ...doc([]), footer: "Chưa có tin mới." });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("Chưa có tin mới.");
  });
});

const SANITIZE_DIR = corpusPath("feedparser", "tests", "wellformed", "sanitize");

describe.skipIf(!existsSync(SANITIZE_DIR))(
  `the feedparser XSS corpus through the Telegram renderer (skipped when ${SANITIZE_DIR} is absent)`,
  () => {
    it("always yields messages Telegram accepts", () => {
      const decode = (s: string) =>
        s
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, "&");
      const files = readdirSync(SANITIZE_DIR).filter((f) => f.endsWith(".xml"));
      expect(files.length).toBeGreaterThan(100);
      for (const file of files) {
        const xml = readFileSync(join(SANITIZE_DIR, file), "utf8");
        const bodies = [...xml.matchAll(/<(title|content|description|summary)[^>]*>([\s\S]*?)<\/\1>/g)].map((m) =>
          decode(m[2]!),
        );
        const text = bodies.join(" ") || xml;
        const messages = renderTelegramHtml(
          doc([entry(0, { headline: text, summary: text, sources: [{ name: text, url: text }] })]),
        );
        for (const m of messages) {
          const parsed = parseTelegramHtml(m);
          if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
        }
      }
    });
  },
);

describe("renderDiscordMessages", () => {
  it("puts the header in the content and one embed per entry, linking the outlets", () => {
    const [message] = renderDiscordMessages(doc([entry(1), entry(2, { isUpdate: true })], "en"));
    expect(message!.content).toContain("Briefing · Thứ Bảy, 21/11/2026");
    expect(message!.embeds).toHaveLength(2);
    expect(message!.embeds![0]!.title).toBe("1. Mỹ và Triều Tiên nối lại đàm phán tại Stockholm 1");
    expect(message!.embeds![0]!.description).toContain("[VnExpress](<https://vnexpress.net/a-1.html>)");
    expect(message!.embeds![1]!.title).toMatch(/\(update\)$/);
  });

  it("splits at 10 embeds and 6000 characters per message", () => {
    const many = Array.from({ length: 25 }, (_, i) => entry(i, { summary: "Nội dung. ".repeat(100) }));
    const messages = renderDiscordMessages(doc(many));
    expect(messages.length).toBeGreaterThan(2);
    expect(messages.flatMap((m) => m.embeds ?? [])).toHaveLength(25);
    expectValidDiscord(messages);
  });

  it("keeps hostile feed text within limits, without pings or javascript links", () => {
    const messages = renderDiscordMessages(doc(hostileEntries()));
    expectValidDiscord(messages);
    for (const e of messages.flatMap((m) => m.embeds ?? [])) {
      // Every markdown link that survives is an http(s) link we wrote; feed text is escaped.
      expect(e.description ?? "").not.toMatch(/(?<!\\)\]\((?!<https?:)/);
      expect(e.description ?? "").not.toMatch(/@everyone/);
    }
  });

  it("sends a header-only message for an empty digest", () => {
    expect(renderDiscordMessages({ ...doc([]), footer: "Nothing new." })).toEqual([
      { content: "**📰 Bản tin · Thứ Bảy, 21/11/2026**\nNothing new." },
    ]);
  });
});

describe("renderPlainText", () => {
  it("writes entries, sources with links and totals without markup", () => {
    const text = renderPlainText(doc([entry(1)]));
    expect(text).toContain("📰 Bản tin · Thứ Bảy, 21/11/2026");
    expect(text).toContain("1. Mỹ và Triều Tiên nối lại đàm phán tại Stockholm 1");
    expect(text).toContain("Nguồn: VnExpress <https://vnexpress.net/a-1.html>");
    expect(text).toContain("3 bài từ 2 nguồn");
  });
});

describe("the Telegram HTML validator (test/support/telegram-html.ts)", () => {
  it("rejects what Telegram rejects", () => {
    expect(parseTelegramHtml('<b>ok</b> &amp; <a href="https://x.vn">x</a>')).toMatchObject({
      ok: true,
      text: "ok & x",
    });
    expect(parseTelegramHtml("<script>x</script>")).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Unsupported start tag "script" at byte offset 0/),
    });
    expect(parseTelegramHtml("<b>open")).toMatchObject({ ok: false });
    expect(parseTelegramHtml("<b><i>x</b></i>")).toMatchObject({ ok: false });
    expect(parseTelegramHtml("Tom & Jerry")).toMatchObject({ ok: false });
    expect(parseTelegramHtml("a > b")).toMatchObject({ ok: false });
    expect(parseTelegramHtml("&nbsp;")).toMatchObject({ ok: false });
    expect(parseTelegramHtml("x".repeat(4097))).toMatchObject({ ok: false, error: "Bad Request: message is too long" });
    expect(parseTelegramHtml(`<b>${"&amp;".repeat(4096)}</b>`)).toMatchObject({ ok: true, length: 4096 });
  });
});

describe("a watched entry and a muted count, in every renderer", () => {
  const watched = doc([entry(1, { watched: "Choe <Son-hui> & co" }), entry(2)]);
  const withFooter: DigestDocument = { ...watched, footer: "Đã ẩn 2 tin theo /mute của bạn." };

  it("Telegram marks the entry with the phrase, escaped, and closes with totals and the muted count", () => {
    const [message] = renderTelegramHtml(withFooter);
    expect(message).toContain(" · 👁 Choe &lt;Son-hui&gt; &amp; co");
    const parsed = parseTelegramHtml(message ?? "");
    if (!parsed.ok) throw new Error(parsed.error);
    const text = parsed.text;
    expect(text.split("\n").filter((l) => l.includes("👁"))).toEqual([
      "1. Mỹ và Triều Tiên nối lại đàm phán tại Stockholm 1 · 👁 Choe <Son-hui> & co",
    ]);
    expect(text.trim().split("\n").at(-1)).toBe("6 bài từ 2 nguồn · Đã ẩn 2 tin theo /mute của bạn.");
  });

  it("Discord puts the mark in the entry's title and the count in the closing line, within limits", () => {
    const messages = renderDiscordMessages(withFooter);
    expectValidDiscord(messages);
    const embeds = messages.flatMap((m) => m.embeds ?? []);
    expect(embeds[0]?.title).toMatch(/ · 👁 Choe <Son-hui> & co$/);
    expect(embeds[1]?.title).not.toContain("👁");
    expect(JSON.stringify(messages)).toContain("Đã ẩn 2 tin theo /mute của bạn.");
  });

  it("plain text does the same", () => {
    const text = renderPlainText(withFooter);
    expect(text).toContain("1. Mỹ và Triều Tiên nối lại đàm phán tại Stockholm 1 · 👁 Choe <Son-hui> & co");
    expect(text.trim().split("\n").at(-1)).toBe("6 bài từ 2 nguồn · Đã ẩn 2 tin theo /mute của bạn.");
  });
});
