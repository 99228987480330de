import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../support/temp-dir.js";

const run = promisify(execFile);
const tempDir = useTempDir();

const readme = readFileSync("README.md", "utf8");
const quickStart = readme.slice(
  readme.indexOf("## Quick start"),
  readme.indexOf("\n## ", readme.indexOf("## Quick start") + 1),
);
const commands = [...quickStart.matchAll(/```sh\n([^`]+?)\n```/g)].map((m) => m[1]?.trim() ?? "");

/** The environment of a newcomer: no tokens, no sources file chosen, no .env overrides. */
function newcomerEnv(db: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, BANTIN_DB: db, LOG_LEVEL: "warn" };
  for (const key of ["TELEGRAM_BOT_TOKEN", "DISCORD_TOKEN", "DISCORD_APPLICATION_ID", "BANTIN_SOURCES", "HTTP_PORT"]) {
    delete env[key];
  }
  return env;
}

describe("the README's quick start", () => {
  it("shows exactly two commands: one that runs the bot, one that runs the tests", () => {
    expect(commands).toEqual(["npm ci && npm start", "npm ci && npm test"]);
  });

  it("CI installs and tests with the same commands the README shows", () => {
    const ci = readFileSync(".ci/run", "utf8");
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  it("npm start, with no tokens and no network, ingests the bundled samples and answers /digest with a real digest", async () => {
    const db = join(tempDir(), "newcomer.db");
    const child = run("npm", ["start", "--silent"], { env: newcomerEnv(db), maxBuffer: 16 * 1024 * 1024 });
    child.child.stdin?.end("/digest\n/subscribe my trieu\n/schedule 7:30\n/bogus\n");
    const { stdout, stderr } = await child;
    expect(stdout).toMatch(/📰 Bản tin · Thứ .+, \d{2}\/\d{2}\/\d{4}/);
    // Several entries, each traced to its outlets, merged across outlets.
    expect(stdout.match(/^\d+\. /gm)?.length ?? 0).toBeGreaterThanOrEqual(3);
    expect(stdout).toMatch(/\d+ bài · Nguồn: .+, .+/);
    expect(stdout).toContain("Đã đăng ký: Quan hệ Mỹ – Triều.");
    expect(stdout).toContain("Không có lệnh /bogus.");
    // Look-alike distractors in the samples never reach the digest.
    expect(stdout).not.toMatch(/Iran|giá vàng|K-pop|Samsung/i);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
