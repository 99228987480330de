import { languageMark } from "../digest/index.js";
import type { DigestDocument, Lang } from "../domain/index.js";
import { COMMANDS, errorMessage, message } from "./i18n.js";
import { formatLocalDateTime } from "./local-time.js";
import type { Reply } from "./reply.js";

const LABELS = {
  vi: {
    commands: "Các lệnh:",
    topics: "Chủ đề",
    following: "đang theo dõi",
    off: "Cuộc trò chuyện này chưa đăng ký bản tin. Gõ /subscribe để bắt đầu.",
    noHits: "Không tìm thấy tin nào cho “{query}” trong 7 ngày qua.",
    hits: "Kết quả cho “{query}”:",
    articles: "bài",
    sources: "Nguồn tin:",
    noSources: "Chưa có nguồn tin nào.",
    health: { ok: "tốt", failing: "lỗi", paused: "tạm dừng", "never-fetched": "chưa đọc" },
    status: "Trạng thái",
    subscribed: "Đăng ký",
    yes: "có",
    no: "không",
    topicsLine: "Chủ đề",
    all: "tất cả",
    times: "Giờ nhận",
    timesOff: "tắt",
    weekly: "Bản tin tuần",
    timezone: "Múi giờ",
    alerts: "Cảnh báo tin nóng",
    next: "Bản tin tới",
    lastIngest: "Cập nhật tin lần cuối",
    never: "chưa có",
    story: "Diễn biến",
    update: "Cập nhật",
    newOutlet: "nguồn mới",
    newSignal: "mới",
    thread: "Trước đó cùng mạch tin",
    reports: (n: number) => `${n} bài`,
    outlets: (n: number) => `${n} nguồn`,
    shared: "chung",
    signals: {
      "missile-launch": "phóng tên lửa",
      "nuclear-test": "thử hạt nhân",
      summit: "thượng đỉnh",
      treaty: "ký kết",
      sanctions: "trừng phạt",
    },
  },
  en: {
    commands: "Commands:",
    topics: "Topics",
    following: "following",
    off: "This chat is not subscribed. Send /subscribe to start.",
    noHits: "Nothing found for “{query}” in the last 7 days.",
    hits: "Results for “{query}”:",
    articles: "articles",
    sources: "Sources:",
    noSources: "No sources yet.",
    health: { ok: "ok", failing: "failing", paused: "paused", "never-fetched": "not read yet" },
    status: "Status",
    subscribed: "Subscribed",
    yes: "yes",
    no: "no",
    topicsLine: "Topics",
    all: "all",
    times: "Briefing times",
    timesOff: "off",
    weekly: "Weekly briefing",
    timezone: "Time zone",
    alerts: "Breaking-news alerts",
    next: "Next briefing",
    lastIngest: "Last news update",
    never: "never",
    story: "How it developed",
    update: "Update",
    newOutlet: "new outlet",
    newSignal: "new",
    thread: "Earlier in this thread",
    reports: (n: number) => `${n} ${n === 1 ? "report" : "reports"}`,
    outlets: (n: number) => `${n} ${n === 1 ? "outlet" : "outlets"}`,
    shared: "shared",
    signals: {
      "missile-launch": "missile launch",
      "nuclear-test": "nuclear test",
      summit: "summit",
      treaty: "signing",
      sanctions: "sanctions",
    },
  },
} as const;

/** The /help text: what the bot does and every command, in the chat's language. */
export function helpText(lang: Lang, intro: boolean): string {
  const lines = COMMANDS.map((c) => `/${c.name}${c.usage === "" ? "" : ` ${c.usage}`} — ${c.help[lang]}`);
  return [
    ...(intro ? [message(lang, "intro")] : []),
    LABELS[lang].commands,
    ...lines,
    message(lang, "help-footer"),
  ].join("\n");
}

/**
 * A reply as plain text, for the console and as the base other platforms escape. Digests go
 * through the platform's own renderer, passed in.
 */
export function renderReplyText(reply: Reply, renderDigest: (doc: DigestDocument) => string): string {
  if (reply.kind === "digest") return renderDigest(reply.doc);
  const l = LABELS[reply.lang];
  switch (reply.kind) {
    case "text":
      return message(reply.lang, reply.key, reply.params);
    case "error":
      return errorMessage(reply.lang, reply.key, reply.params);
    case "help":
      return helpText(reply.lang, reply.intro);
    case "topics":
      return [
        `${l.topics}:`,
        ...reply.topics.map((t) => `${t.subscribed ? "✅" : "▫️"} ${t.label} (${t.id}) — ${t.description}`),
        ...(reply.active ? [] : [l.off]),
      ].join("\n");
    case "search":
      if (reply.hits.length === 0) return l.noHits.replace("{query}", reply.query);
      return [
        l.hits.replace("{query}", reply.query),
        ...reply.hits.map(
          (h, i) =>
            `${i + 1}. ${h.headline} — ${h.source}${h.articles > 1 ? ` (${h.articles} ${l.articles})` : ""}\n   ${h.url}`,
        ),
      ].join("\n");
    case "sources":
      if (reply.sources.length === 0) return l.noSources;
      return [
        l.sources,
        ...reply.sources.map(
          (s) =>
            `• ${s.name}: ${l.health[s.health]}${s.lastError === null || s.health === "ok" ? "" : ` (${s.lastError})`}`,
        ),
      ].join("\n");
    case "story":
      return storyText(reply);
    case "status":
      return [
        `${l.status}:`,
        `${l.subscribed}: ${reply.active ? l.yes : l.no}`,
        ...(reply.active ? [`${l.topicsLine}: ${reply.topics.length === 0 ? l.all : reply.topics.join(", ")}`] : []),
        `${l.times}: ${reply.times.length === 0 ? l.timesOff : reply.times.join(", ")}`,
        ...(reply.weekly === null ? [] : [`${l.weekly}: ${reply.weekly}`]),
        `${l.timezone}: ${reply.timezone}`,
        `${l.alerts}: ${reply.alerts ? l.yes : l.no}`,
        ...(reply.nextBriefing === null ? [] : [`${l.next}: ${reply.nextBriefing}`]),
        `${l.lastIngest}: ${reply.lastIngestAt === null ? l.never : formatLocalDateTime(reply.lastIngestAt, reply.timezone, reply.lang)}`,
      ].join("\n");
  }
}

/**
 * A story's timeline: each report oldest first, then what it added ("Cập nhật: nguồn mới …");
 * then the earlier events of its thread, with what ties each to it ("chung: Choe Son-hui").
 */
function storyText(reply: Extract<Reply, { kind: "story" }>): string {
  const l = LABELS[reply.lang];
  const lines = [`📜 ${l.story}: ${reply.headline}`];
  for (const line of reply.lines) {
    const mark = languageMark(line.lang);
    lines.push(`${line.when} · ${line.outlet}${mark} · ${line.title}`, `   ${line.url}`);
    const added = [
      ...(line.newOutlet ? [`${l.newOutlet} ${line.outlet}${mark}`] : []),
      ...(line.newSignals.length > 0 ? [`${l.newSignal}: ${line.newSignals.map((s) => l.signals[s]).join(", ")}`] : []),
    ];
    if (added.length > 0) lines.push(`   ${l.update}: ${added.join("; ")}`);
  }
  // One line per event: platforms split replies at line breaks, so a long thread still splits.
  const earlier = reply.earlier ?? [];
  if (earlier.length > 0) lines.push("", `🧵 ${l.thread}:`);
  for (const e of earlier) {
    lines.push(
      `• ${e.when} · ${e.headline} — ${l.reports(e.reports)}, ${l.outlets(e.outlets)} · ${l.shared}: ${e.shared.join(", ")}`,
    );
  }
  return lines.join("\n");
}
