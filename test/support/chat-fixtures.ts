import { type Topic, topicId } from "../../src/domain/index.js";
import type { Db } from "../../src/store/database.js";

/** Three topics shaped like config/topics.yaml, so chat tests do not depend on the editorial list. */
export const TOPICS: readonly Topic[] = [
  {
    id: topicId("my-trieu"),
    label: { vi: "Mỹ – Triều", en: "US–North Korea" },
    description: { vi: "Quan hệ Mỹ và Triều Tiên", en: "United States and North Korea" },
    weight: 1,
  },
  {
    id: topicId("lien-trieu"),
    label: { vi: "Liên Triều", en: "Inter-Korean" },
    description: { vi: "Quan hệ hai miền Triều Tiên", en: "Relations between the two Koreas" },
    weight: 1,
  },
  {
    id: topicId("hat-nhan"),
    label: { vi: "Hạt nhân", en: "Nuclear" },
    description: { vi: "Chương trình hạt nhân, tên lửa", en: "Nuclear and missile programmes" },
    weight: 1,
  },
];

/** A source, two items reporting one event, and an unrelated item, published `hoursAgo` before `now`. */
export function seedNews(db: Db, now: number, hoursAgo = 2): void {
  const at = now - hoursAgo * 3600_000;
  db.prepare(
    "INSERT INTO sources (id, url, name, lang, last_success_at, last_status) VALUES ('vne', 'http://127.0.0.1/vne.rss', 'VnExpress', 'vi', ?, 'ok')",
  ).run(at);
  db.prepare(
    "INSERT INTO sources (id, url, name, lang, consecutive_failures, last_error) VALUES ('bad', 'http://127.0.0.1/bad.rss', 'Báo Lỗi', 'vi', 3, 'HTTP 503')",
  ).run();
  const item = db.prepare(
    "INSERT INTO items (id, source_id, guid, url, title, lead, lang, published_at, fetched_at, content_hash) VALUES (?, 'vne', ?, ?, ?, ?, 'vi', ?, ?, ?)",
  );
  item.run(
    1,
    "g1",
    "http://127.0.0.1/a1",
    "Triều Tiên phóng tên lửa",
    "Bình Nhưỡng phóng tên lửa đạn đạo.",
    at,
    at,
    "h1",
  );
  item.run(
    2,
    "g2",
    "http://127.0.0.1/a2",
    "Hàn Quốc họp khẩn sau vụ phóng",
    "Seoul phản ứng về Triều Tiên.",
    at - 1000,
    at,
    "h2",
  );
  item.run(3, "g3", "http://127.0.0.1/a3", "Giá vàng tăng", "Tiếng nói thị trường.", at, at, "h3");
  db.prepare(
    "INSERT INTO events (id, first_seen, last_seen, headline) VALUES ('e1', ?, ?, 'Triều Tiên phóng tên lửa đạn đạo')",
  ).run(at, at);
  db.prepare("INSERT INTO event_items (event_id, item_id) VALUES ('e1', 1), ('e1', 2)").run();
}
