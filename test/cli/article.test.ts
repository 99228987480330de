import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../support/cli.js";

const FIXTURE = "test/fixtures/articles/vov-my-trieu-doi-thoai.html";

interface ArticleJson {
  title: string;
  text: string;
  summary: string;
}

describe("article command", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/article") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(readFileSync(FIXTURE));
      } else if (req.url === "/huge") {
        res.writeHead(200, { "content-type": "text/html" });
        res.end(Buffer.alloc(6 * 1024 * 1024, 0x61));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it("prints the title, the main text without page furniture, and a short summary from a file", async () => {
    const result = await cli(["article", FIXTURE, "--json"]);
    expect(result.code).toBe(0);
    const article = JSON.parse(result.stdout) as ArticleJson;
    expect(Object.keys(article)).toEqual(["title", "text", "summary"]);
    expect(article.text.length).toBeGreaterThan(300);
    expect(article.text).not.toMatch(/Tin liên quan|Phiên bản di động/);
    expect(article.summary.length).toBeGreaterThan(40);
    expect(article.summary.length).toBeLessThanOrEqual(300);
    expect(article.text.replace(/\s+/g, " ")).toContain(article.summary.split(" ").slice(0, 6).join(" "));
  });

  it("fetches a URL, and prints title, summary and text without --json", async () => {
    const result = await cli(["article", `${base}/article`]);
    expect(result.code).toBe(0);
    const [title, summary, ...text] = result.stdout.split("\n\n");
    expect(title).toMatch(/Mỹ-Triều Tiên nhất trí tiếp tục đối thoại/);
    expect(summary!.length).toBeLessThanOrEqual(300);
    expect(text.join("\n\n").length).toBeGreaterThan(300);
  });

  it("fails clearly on a missing file", async () => {
    expect((await cli(["article", "no/such/file.html"])).stderr).toMatch(/cannot read no\/such\/file\.html/);
  });

  it("fails clearly on an HTTP error", async () => {
    const notFound = await cli(["article", `${base}/missing`]);
    expect(notFound.code).not.toBe(0);
    expect(notFound.stderr).toMatch(/cannot fetch .*404/);
  });

  it("refuses a page over the size limit", async () => {
    expect((await cli(["article", `${base}/huge`])).stderr).toMatch(/cannot fetch/);
  });
});
