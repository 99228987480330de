import type { Lang } from "../domain/index.js";

/** The commands every platform registers, with their one-line help in each language. */
export const COMMANDS = [
  { name: "start", usage: "", help: { vi: "bắt đầu, bật lại bản tin", en: "start, turn briefings back on" } },
  { name: "help", usage: "", help: { vi: "cách dùng", en: "how to use the bot" } },
  {
    name: "subscribe",
    usage: "[chủ đề…]",
    help: { vi: "đăng ký chủ đề (không ghi: tất cả)", en: "subscribe to topics (none: all)" },
  },
  {
    name: "unsubscribe",
    usage: "[chủ đề…|all]",
    help: { vi: "hủy chủ đề hoặc tất cả", en: "unsubscribe from topics or all" },
  },
  { name: "topics", usage: "", help: { vi: "các chủ đề và trạng thái", en: "topics and what this chat follows" } },
  { name: "digest", usage: "[chủ đề…] [24h|3d|7d]", help: { vi: "bản tin ngay bây giờ", en: "the digest right now" } },
  { name: "search", usage: "<từ khóa>", help: { vi: "tìm tin gần đây", en: "search recent news" } },
  {
    name: "schedule",
    usage: "HH:MM[,HH:MM…]|off|weekly <ngày> HH:MM",
    help: { vi: "giờ nhận bản tin (và bản tin tuần)", en: "when briefings arrive (and the weekly one)" },
  },
  { name: "timezone", usage: "<Area/City>", help: { vi: "múi giờ (IANA)", en: "time zone (IANA name)" } },
  { name: "lang", usage: "vi|en", help: { vi: "ngôn ngữ", en: "language" } },
  { name: "alerts", usage: "on|off", help: { vi: "cảnh báo tin nóng", en: "breaking-news alerts" } },
  {
    name: "watch",
    usage: "[tên, cụm từ]",
    help: {
      vi: "theo dõi một người, nơi, sự việc (không ghi: danh sách)",
      en: "follow a person, place or thing (none: list)",
    },
  },
  { name: "unwatch", usage: "<cụm từ|all>", help: { vi: "bỏ theo dõi", en: "stop following" } },
  {
    name: "mute",
    usage: "[tên, cụm từ]",
    help: { vi: "không nhận tin nhắc tới (không ghi: danh sách)", en: "never show stories naming it (none: list)" },
  },
  { name: "unmute", usage: "<cụm từ|all>", help: { vi: "bỏ ẩn", en: "unmute" } },
  {
    name: "story",
    usage: "<số|từ khóa>",
    help: {
      vi: "diễn biến của một tin (số thứ tự trong bản tin vừa nhận)",
      en: "how a story developed (its number in the last digest)",
    },
  },
  { name: "sources", usage: "", help: { vi: "nguồn tin và tình trạng", en: "news sources and their health" } },
  { name: "status", usage: "", help: { vi: "cài đặt của cuộc trò chuyện này", en: "this chat's settings" } },
] as const satisfies readonly { name: string; usage: string; help: Record<Lang, string> }[];

export type CommandName = (typeof COMMANDS)[number]["name"];

const messages = {
  intro: {
    vi: "Bantin gửi bản tin ngắn, có nguồn, về ngoại giao bán đảo Triều Tiên.",
    en: "Bantin sends short, sourced briefings on Korean-peninsula diplomacy.",
  },
  "help-footer": {
    vi: "Chủ đề viết có dấu hay không dấu đều được, ví dụ /subscribe my-trieu.",
    en: "Topics work with or without Vietnamese diacritics, e.g. /subscribe my-trieu.",
  },
  reactivated: { vi: "Chào mừng trở lại! Bản tin đã được bật lại.", en: "Welcome back! Briefings are on again." },
  subscribed: { vi: "Đã đăng ký: {topics}.", en: "Subscribed to: {topics}." },
  "subscribed-all": { vi: "Đã đăng ký tất cả chủ đề.", en: "Subscribed to all topics." },
  unsubscribed: {
    vi: "Đã hủy: {topics}. Còn theo dõi: {remaining}.",
    en: "Unsubscribed from: {topics}. Still following: {remaining}.",
  },
  "unsubscribed-all": {
    vi: "Đã hủy đăng ký. Gõ /subscribe để đăng ký lại.",
    en: "Unsubscribed. Send /subscribe to come back.",
  },
  "schedule-set": {
    vi: "Bản tin sẽ đến lúc {times} ({timezone}).",
    en: "Briefings will arrive at {times} ({timezone}).",
  },
  "schedule-off": { vi: "Đã tắt bản tin định kỳ.", en: "Scheduled briefings are off." },
  "weekly-set": {
    vi: "Bản tin tuần (7 ngày qua) sẽ đến lúc {time} {day} hằng tuần ({timezone}).",
    en: "The weekly briefing (the past 7 days) will arrive every {day} at {time} ({timezone}).",
  },
  "weekly-off": { vi: "Đã tắt bản tin tuần.", en: "The weekly briefing is off." },
  "timezone-set": { vi: "Múi giờ: {timezone}.", en: "Time zone: {timezone}." },
  "lang-set": { vi: "Ngôn ngữ: tiếng Việt.", en: "Language: English." },
  "alerts-on": { vi: "Đã bật cảnh báo tin nóng.", en: "Breaking-news alerts are on." },
  "alerts-off": { vi: "Đã tắt cảnh báo tin nóng.", en: "Breaking-news alerts are off." },
  "watch-added": {
    vi: "Đã theo dõi “{phrase}” ({count}/{max}). Tin nhắc tới sẽ vào bản tin, kể cả ngoài chủ đề bạn theo dõi, đánh dấu 👁.",
    en: "Watching “{phrase}” ({count}/{max}). Stories naming it join your digests, even outside your topics, marked 👁.",
  },
  "watch-exists": { vi: "Bạn đã theo dõi “{phrase}”.", en: "Already watching “{phrase}”." },
  "watch-removed": { vi: "Đã bỏ theo dõi “{phrase}”.", en: "Stopped watching “{phrase}”." },
  "watch-removed-all": { vi: "Đã bỏ {count} mục theo dõi.", en: "Removed {count} watches." },
  "watch-list": { vi: "Đang theo dõi ({count}/{max}):\n{list}", en: "Watching ({count}/{max}):\n{list}" },
  "watch-list-empty": {
    vi: "Chưa theo dõi gì. Ví dụ: /watch Choe Son-hui",
    en: "Not watching anything yet. E.g. /watch Choe Son-hui",
  },
  "mute-added": {
    vi: "Đã ẩn “{phrase}” ({count}/{max}): tin nhắc tới sẽ không đến đây, cả bản tin lẫn cảnh báo.",
    en: "Muted “{phrase}” ({count}/{max}): stories naming it will not reach this chat, in digests or alerts.",
  },
  "mute-exists": { vi: "“{phrase}” đã bị ẩn.", en: "“{phrase}” is already muted." },
  "mute-removed": { vi: "Đã bỏ ẩn “{phrase}”.", en: "Unmuted “{phrase}”." },
  "mute-removed-all": { vi: "Đã bỏ ẩn {count} mục.", en: "Unmuted {count} entries." },
  "mute-list": { vi: "Đang ẩn ({count}/{max}):\n{list}", en: "Muted ({count}/{max}):\n{list}" },
  "mute-list-empty": { vi: "Chưa ẩn gì. Ví dụ: /mute bóng đá", en: "Nothing muted yet. E.g. /mute football" },
  "not-a-command": { vi: "Gõ /help để xem các lệnh.", en: "Send /help to see the commands." },
  "all-topics": { vi: "tất cả chủ đề", en: "all topics" },
  none: { vi: "không có", en: "none" },
} as const satisfies Record<string, Record<Lang, string>>;

const errors = {
  "unknown-command": { vi: "Không có lệnh /{command}.", en: "There is no /{command} command." },
  "unknown-topic": { vi: "Không có chủ đề “{input}”. Xem /topics.", en: "No topic “{input}”. See /topics." },
  "bad-time": {
    vi: "“{input}” không phải giờ hợp lệ; viết HH:MM, ví dụ /schedule 07:00,18:30 hoặc /schedule off.",
    en: "“{input}” is not a time; write HH:MM, e.g. /schedule 07:00,18:30 or /schedule off.",
  },
  "too-many-times": { vi: "Tối đa {max} giờ mỗi ngày.", en: "At most {max} times a day." },
  "missing-time": {
    vi: "Viết giờ, ví dụ /schedule 07:00 hoặc /schedule off.",
    en: "Give a time, e.g. /schedule 07:00 or /schedule off.",
  },
  "missing-weekly": {
    vi: "Viết ngày và giờ, ví dụ /schedule weekly CN 19:00 (hoặc /schedule weekly off).",
    en: "Give a day and a time, e.g. /schedule weekly sun 19:00 (or /schedule weekly off).",
  },
  "bad-weekday": {
    vi: "“{input}” không phải ngày trong tuần; viết ví dụ CN, T2, Thứ Bảy hoặc sun, mon, sat.",
    en: "“{input}” is not a day of the week; write e.g. sun, mon, sat (or CN, T2, Thứ Bảy).",
  },
  "missing-story": {
    vi: "Viết số thứ tự của tin trong bản tin vừa nhận, ví dụ /story 2, hoặc từ khóa: /story Bàn Môn Điếm.",
    en: "Give the entry's number in the last digest, e.g. /story 2, or words: /story Panmunjom.",
  },
  "story-no-digest": {
    vi: "Cuộc trò chuyện này chưa nhận bản tin nào; gõ /digest rồi /story 1.",
    en: "This chat has not had a digest yet; send /digest, then /story 1.",
  },
  "story-bad-number": {
    vi: "Bản tin vừa nhận có {max} tin; chọn từ 1 đến {max}.",
    en: "The last digest had {max} entries; choose 1 to {max}.",
  },
  "story-not-found": {
    vi: "Không tìm thấy tin nào về “{input}” trong 30 ngày qua.",
    en: "No story about “{input}” in the last 30 days.",
  },
  "story-gone": {
    vi: "Tin này không còn trong kho (đã quá cũ); thử /story với từ khóa.",
    en: "That story is no longer stored (too old); try /story with words.",
  },
  "missing-phrase": {
    vi: "Viết tên hoặc cụm từ, ví dụ /{command} Choe Son-hui.",
    en: "Give a name or phrase, e.g. /{command} Choe Son-hui.",
  },
  "phrase-too-long": {
    vi: "Cụm từ dài tối đa {max} ký tự.",
    en: "A phrase can be at most {max} characters.",
  },
  "too-many-filters": {
    vi: "Tối đa {max} mục /{command} mỗi cuộc trò chuyện; bỏ bớt bằng /un{command}.",
    en: "At most {max} /{command} entries per chat; remove some with /un{command}.",
  },
  "filter-not-found": {
    vi: "Không có “{input}” trong danh sách /{command}.",
    en: "“{input}” is not on your /{command} list.",
  },
  "bad-timezone": {
    vi: "“{input}” không phải múi giờ; viết tên IANA, ví dụ /timezone Asia/Ho_Chi_Minh.",
    en: "“{input}” is not a time zone; use an IANA name, e.g. /timezone Asia/Ho_Chi_Minh.",
  },
  "bad-lang": { vi: "Chọn vi hoặc en, ví dụ /lang en.", en: "Choose vi or en, e.g. /lang vi." },
  "bad-on-off": { vi: "Viết on hoặc off, ví dụ /alerts on.", en: "Write on or off, e.g. /alerts on." },
  "bad-window": {
    vi: "“{input}” không hợp lệ; chọn 24h, 3d hoặc 7d.",
    en: "“{input}” is not valid; choose 24h, 3d or 7d.",
  },
  "missing-query": {
    vi: "Viết từ cần tìm, ví dụ /search trieu tien.",
    en: "Give words to search for, e.g. /search north korea.",
  },
  "admins-only": {
    vi: "Trong nhóm, chỉ quản trị viên được đổi cài đặt.",
    en: "In groups, only admins can change settings.",
  },
  "admin-check-unavailable": {
    vi: "Không kiểm tra được bạn có phải quản trị viên nhóm không (máy chủ không trả lời), nên cài đặt chưa đổi. Trong nhóm, chỉ quản trị viên được đổi cài đặt; thử lại sau ít phút.",
    en: "Could not check whether you are an admin of this group (the server did not answer), so nothing was changed. In groups, only admins can change settings; try again in a few minutes.",
  },
  "slow-down": {
    vi: "Chậm lại một chút nhé — thử lại sau {seconds} giây.",
    en: "Easy there — try again in {seconds} s.",
  },
  internal: { vi: "Có lỗi xảy ra, vui lòng thử lại sau.", en: "Something went wrong; please try again later." },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof messages;
/** Stable identifiers of user mistakes: adapters and tests match on these, never on wording. */
export type ErrorKey = keyof typeof errors;

const DID_YOU_MEAN: Record<Lang, string> = {
  vi: "Có phải ý bạn là “{suggestion}”?",
  en: "Did you mean “{suggestion}”?",
};

function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A message in the chat's language. */
export function message(lang: Lang, key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return fill(messages[key][lang], params);
}

/** An error in the chat's language; a `suggestion` param adds the "did you mean". */
export function errorMessage(
  lang: Lang,
  key: ErrorKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const text = fill(errors[key][lang], params);
  return params.suggestion === undefined ? text : `${text} ${fill(DID_YOU_MEAN[lang], params)}`;
}
