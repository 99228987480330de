import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalUrl } from "../../src/ingest/canonical-url.js";
import { htmlToText } from "../../src/ingest/html-to-text.js";
import { normalizeText } from "../../src/text/index.js";
import { CORPORA_DIR as CORPORA, hasCorpus } from "../support/corpora.js";
import { type FeedServer, startFeedServer } from "../support/feed-server.js";
import { ingestHarness, source } from "../support/ingest-harness.js";
import { useTempDir } from "../support/temp-dir.js";

const FOLDERS = ["feedparser/tests", "feedvalidator/testcases", "rss-parser/test/input"];
const tempDir = useTempDir();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** feedparser's encoding cases say which Content-Type the server sent ("Header: Content-type: …"). */
function replayedContentType(body: Buffer): string {
  const head = body.subarray(0, 600).toString("latin1");
  return /Header:\s*Content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? "application/xml";
}

const present = hasCorpus();
if (!present)
  console.warn(`skipping the corpus test: ${CORPORA} is absent (set BANTIN_CORPORA; see test/support/corpora.ts)`);

describe.skipIf(!present)("the shared corpora through the real ingest path", () => {
  it("every file ends ok or as an error with a message; rss-parser's expected items are stored", {
    timeout: 300_000,
  }, async () => {
    const files = FOLDERS.flatMap((f) => filesUnder(join(CORPORA, f)));
    expect(files.length).toBeGreaterThan(3000);
    // Several loopback servers are several hosts: per-host politeness still holds, the pass runs in parallel.
    const servers: FeedServer[] = await Promise.all([1, 2, 3, 4].map(() => startFeedServer()));
    try {
      const sources = files.map((file, i) => {
        const server = servers[i % servers.length]!;
        const body = readFileSync(file);
        const path = `/${i}/${encodeURIComponent(basename(file))}`;
        server.route(path, { headers: { "content-type": replayedContentType(body) }, body });
        return source(`c${i}`, server.url(path), { lang: "en" });
      });
      const h = ingestHarness(tempDir(), { settings: { ...TEST_LIMITS } });
      const report = await h.run(sources);

      expect(report.sources).toHaveLength(files.length);
      for (const s of report.sources) {
        expect(["ok", "error"], `${s.id}`).toContain(s.status);
        if (s.status === "error")
          expect(s.error?.length ?? 0, relative(CORPORA, files[Number(s.id.slice(1))]!)).toBeGreaterThan(5);
      }
      const ok = report.sources.filter((s) => s.status === "ok").length;
      expect(ok).toBeGreaterThan(files.length / 2);

      const outputs = join(CORPORA, "rss-parser/test/output");
      let compared = 0;
      for (const file of files.filter((f) => f.includes("rss-parser/test/input"))) {
        const expectedPath = join(outputs, `${basename(file).replace(/\.[^.]+$/, "")}.json`);
        if (!existsSync(expectedPath)) continue;
        const expected = JSON.parse(readFileSync(expectedPath, "utf8")) as {
          feed?: { items?: { title?: string; link?: string }[] };
        };
        for (const item of expected.feed?.items ?? []) {
          const url = canonicalUrl(typeof item.link === "string" ? item.link : undefined);
          if (url === undefined || typeof item.title !== "string" || item.title.trim() === "") continue;
          const stored = h.db.prepare("SELECT title FROM items WHERE url = ?").pluck().get(url) as string | undefined;
          expect(stored, `${basename(file)}: ${url}`).toMatch(titlePattern(item.title));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(100);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });
});

/**
 * rss-parser read some feeds as UTF-8 whatever they declared, so its expected titles carry
 * U+FFFD where we decode the real letter: those positions match any character.
 */
function titlePattern(title: string): RegExp {
  const text = normalizeText(htmlToText(title)).slice(0, 500);
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\uFFFD/g, ".");
  return new RegExp(`^${escaped}$`, "u");
}

const TEST_LIMITS = {
  timeoutMs: 5_000,
  maxBodyBytes: 4 * 1024 * 1024,
  maxRedirects: 3,
  globalConcurrency: 4,
  pauseAfterFailures: 5,
  userAgent: "BantinTest/1 (+loopback)",
} as const;
