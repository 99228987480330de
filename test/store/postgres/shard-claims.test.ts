import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/domain/index.js";
import { startShardClaims } from "../../../src/store/postgres/shard-claims.js";
import { usePostgres } from "../../support/embedded-postgres.js";
import { until } from "../../support/until.js";

const postgres = usePostgres();
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0)) await close();
});

describe("Discord shards claimed by lock", () => {
  it("tries a shard that will not connect less and less often, and holds it once it does", async () => {
    const url = await postgres.createDatabase();
    const pollMs = 20;
    const attempts: number[] = [];
    const claims = startShardClaims({
      url,
      count: 1,
      pollMs,
      logger: silentLogger,
      async onClaim() {
        attempts.push(Date.now());
        // A refused token: the first four tries fail, as they would until the token is mended.
        if (attempts.length <= 4) throw new Error("An invalid token was provided.");
      },
      async onRelease() {},
    });
    closers.push(() => claims.stop());
    await until(() => claims.held().length === 1, "the shard held once it connects", 20_000);
    expect(attempts).toHaveLength(5);
    const gaps = attempts.slice(1).map((at, i) => at - attempts[i]!);
    // Each wait is at least double the poll's, then longer: 40, 80, 160, 320 ms at the least.
    for (const [i, gap] of gaps.entries()) expect(gap).toBeGreaterThanOrEqual(pollMs * 2 ** (i + 1));
    expect(claims.held()).toEqual([0]);
  });
});
