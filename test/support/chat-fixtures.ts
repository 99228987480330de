import { type Topic, topicId } from "../../src/domain/index.js";
import type { Db } from "../../src/store/database.js";
import { anEvent, anItem, aSource } from "./store-fixtures.js";

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
  aSource(db, {
    id: "vne",
    url: "http://127.0.0.1/vne.rss",
    name: "VnExpress",
    fetch: { lastSuccessAt: at, lastStatus: "ok" },
  });
  aSource(db, {
    id: "bad",
    url: "http://127.0.0.1/bad.rss",
    name: "Báo Lỗi",
    fetch: { consecutiveFailures: 3, lastError: "HTTP 503" },
  });
  const report = (guid: string, url: string, title: string, lead: string, publishedAt: number, contentHash: string) =>
    anItem(db, { source: "vne", guid, url, title, lead, publishedAt, fetchedAt: at, contentHash });
  const launch = report(
    "g1",
    "http://127.0.0.1/a1",
    "Triều Tiên phóng tên lửa",
    "Bình Nhưỡng phóng tên lửa đạn đạo.",
    at,
    "h1",
  );
  const reaction = report(
    "g2",
    "http://127.0.0.1/a2",
    "Hàn Quốc họp khẩn sau vụ phóng",
    "Seoul phản ứng về Triều Tiên.",
    at - 1000,
    "h2",
  );
  report("g3", "http://127.0.0.1/a3", "Giá vàng tăng", "Tiếng nói thị trường.", at, "h3");
  anEvent(db, { id: "e1", headline: "Triều Tiên phóng tên lửa đạn đạo", items: [launch, reaction], analyzedAt: at });
}
