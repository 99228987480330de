import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/domain/index.js";
import { AdvisoryLockKey, BANTIN_LOCK_CLASS } from "../../../src/store/postgres/advisory-locks.js";
import { type Leadership, startLeadership } from "../../../src/store/postgres/leadership.js";
import { usePostgres } from "../../support/embedded-postgres.js";

const postgres = usePostgres();
const running: Leadership[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((l) => l.stop()));
});

const contender = (url: string) => {
  const leadership = startLeadership({ url, pollMs: 25, logger: silentLogger });
  running.push(leadership);
  return leadership;
};

const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${what} in ${ms} ms`)), ms)),
  ]);

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the leader lock", () => {
  it("one of two replicas leads; when it stops, the other takes over", async () => {
    const url = await postgres.createDatabase();
    const a = contender(url);
    await within(a.whenLeader(), 5_000, "leader");
    const b = contender(url);
    await settle(200);
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    await a.stop();
    await within(b.whenLeader(), 5_000, "takeover");
    expect(b.isLeader()).toBe(true);
  });

  it("a leader killed with SIGKILL frees the lock at once, and a follower takes it", async () => {
    const url = await postgres.createDatabase();
    // Another process holds the lock, as a replica would, then dies without a word.
    const holder = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import pg from "pg";
         const c = new pg.Client({ connectionString: process.env.URL });
         await c.connect();
         await c.query("SELECT pg_advisory_lock($1::int, $2::int)", [${BANTIN_LOCK_CLASS}, ${AdvisoryLockKey.leader}]);
         process.stdout.write("held\\n");
         setInterval(() => {}, 1000);`,
      ],
      { env: { ...process.env, URL: url }, cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await within(new Promise<void>((resolve) => holder.stdout?.once("data", () => resolve())), 10_000, "holder");
      const follower = contender(url);
      await settle(300);
      expect(follower.isLeader()).toBe(false);
      holder.kill("SIGKILL");
      await within(follower.whenLeader(), 5_000, "takeover after SIGKILL");
      expect(follower.isLeader()).toBe(true);
    } finally {
      holder.kill("SIGKILL");
    }
  });
});
