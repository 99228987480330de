import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

describe("the command line", () => {
  it("--help lists every command of the outside contract", async () => {
    const { code, stdout } = await cli(["--help"]);
    expect(code).toBe(0);
    for (const command of [
      "start",
      "ingest",
      "analyze",
      "summarize",
      "article",
      "digest",
      "sources",
      "db",
      "discord",
    ]) {
      expect(stdout).toContain(command);
    }
  });

  it("db migrate creates the store and says its version", async () => {
    const db = join(tempDir(), "cli.db");
    const { code, stdout } = await cli(["db", "migrate", "--db", db]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/schema version \d+/);
  });

  it("a bad environment value stops with one line naming it, no stack trace", async () => {
    const { code, stderr } = await cli(["db", "migrate"], { BANTIN_TZ: "Nowhere/City" });
    expect(code).toBe(2);
    expect(stderr).toContain("BANTIN_TZ: expected an IANA time zone");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("an unknown command is refused with usage help", async () => {
    const { code, stderr } = await cli(["frobnicate"]);
    expect(code).not.toBe(0);
    expect(stderr).toContain("unknown command");
  });
});
