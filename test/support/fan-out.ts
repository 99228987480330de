import type { FeedServer } from "./feed-server.js";

/** "HH:MM" in Hanoi, `minutesAgo` minutes before now: a briefing time that has just fallen due. */
export function hanoiTime(minutesAgo: number): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(Date.now() - minutesAgo * 60_000);
}

/** The URL of item `item` of feed `feed`, as `serveNumberedFeeds` publishes it. */
export const numberedItemUrl = (feed: number, item: number): string => `http://news${feed}.example/a/${item}`;

function rss(feed: number, items: number): string {
  const entries = Array.from({ length: items }, (_, i) => {
    const published = new Date(Date.now() - (i + 1) * 600_000).toUTCString();
    return `<item><title>Triều Tiên và Hàn Quốc nối lại đối thoại, bản tin ${feed}-${i}</title>
      <link>${numberedItemUrl(feed, i)}</link><guid>feed${feed}-item${i}</guid>
      <description>Bình Nhưỡng và Seoul đồng ý gặp lại tại Bàn Môn Điếm, lần thứ ${i} trong năm, theo nguồn ${feed}.</description>
      <pubDate>${published}</pubDate></item>`;
  }).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed ${feed}</title><link>http://news${feed}.example/</link>${entries}</channel></rss>`;
}

/**
 * `feeds` Vietnamese RSS feeds of `items` relevant items each, published over the last hours,
 * served at /feed<n>.rss; the sources.yaml that lists them (ids feed-<n>).
 */
export function serveNumberedFeeds(server: FeedServer, feeds: number, items: number): string {
  const sources = Array.from({ length: feeds }, (_, f) => {
    server.route(`/feed${f}.rss`, { headers: { "content-type": "application/rss+xml" }, body: rss(f, items) });
    return `  - { id: feed-${f}, url: "${server.url(`/feed${f}.rss`)}", name: "Feed ${f}", lang: vi }`;
  });
  return `sources:\n${sources.join("\n")}\n`;
}
