import { describe, expect, it } from "vitest";
import { canonicalUrl } from "../../src/ingest/canonical-url.js";
import { htmlToText } from "../../src/ingest/html-to-text.js";

describe("htmlToText", () => {
  it("reads a lead that wraps its picture in a link as the text after it", () => {
    expect(
      htmlToText(
        '<a href="https://bao.example/bai-1.html"><img src="https://bao.example/1.jpg"/></a>Triều Tiên phóng tên lửa.',
      ),
    ).toBe("Triều Tiên phóng tên lửa.");
  });

  it.each([
    ["inline tags keep their text in place", "<b>Hà</b> <I>Nội</I> <span class=x>mưa</span>", "Hà Nội mưa"],
    ["a quoted '>' stays inside its attribute", "<a title=\"a > b\" href='c'>xem</a> tiếp", "xem tiếp"],
    ["a self-closing tag with spaces", '<img src="x.jpg" alt="" />Ảnh', "Ảnh"],
    ["a lone '<' is text", "giá < 5 đồng", "giá < 5 đồng"],
    ["entities are decoded", "<a href=x>Tom &amp; Jerry&nbsp;&quot;</a>", 'Tom & Jerry\u00a0"'],
    ["a line break separates", "một<br>hai<br/>ba", "một\n\nhai\n\nba"],
    ["paragraphs separate", "<p>một</p><p>hai</p>", "\n\nmột\n\n\n\nhai\n\n"],
    ["scripts and styles are dropped", "<a>a</a><script>x()</script><style>p{}</style>b", "ab"],
    ["a comment is dropped", "a<!-- quảng cáo -->b", "ab"],
    ["an unknown tag still hides nothing", "<o:p>a</o:p><custom-tag>b</custom-tag>", "ab"],
    ["an attribute without a space before it", '<img src="a"alt="b">c', "c"],
  ])("%s", (_, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it("returns plain text as is", () => {
    expect(htmlToText("Không có thẻ nào")).toBe("Không có thẻ nào");
  });
});

describe("canonicalUrl", () => {
  it.each([
    [
      "tracking parameters alone leave no query",
      "https://Bao.Example/a.html?utm_source=rss&fbclid=1#top",
      "https://bao.example/a.html",
    ],
    [
      "a query without tracking is kept as written",
      "https://bao.example/a?id=5&q=a%20b+c",
      "https://bao.example/a?id=5&q=a%20b+c",
    ],
    ["a mix keeps the rest", "https://bao.example/a?id=5&utm_medium=feed", "https://bao.example/a?id=5"],
    ["an encoded tracking key is still tracking", "https://bao.example/a?utm%5Fsource=x", "https://bao.example/a"],
    [
      "a relative link resolves against the feed",
      "/the-gioi/bai-1.html?gclid=2",
      "https://bao.example/the-gioi/bai-1.html",
    ],
  ])("%s", (_, raw, url) => {
    expect(canonicalUrl(raw, "https://bao.example/rss")).toBe(url);
  });
});
