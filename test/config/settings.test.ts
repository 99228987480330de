import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_SOURCES_PATH, loadEnv, loadSettings } from "../../src/config/index.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

function settingsFile(yaml: string): string {
  const path = join(tempDir(), "bantin.yaml");
  writeFileSync(path, yaml);
  return path;
}

describe("settings from config/bantin.yaml", () => {
  it("a missing file means every default", () => {
    const settings = loadSettings(join(tempDir(), "absent.yaml"));
    expect(settings.digest.maxEntries).toBe(7);
    expect(settings.schedule.defaultTimes).toEqual(["07:00"]);
  });

  it("the shipped file is valid", () => {
    expect(() => loadSettings("config/bantin.yaml")).not.toThrow();
  });

  it("bad YAML names the file and the line", () => {
    const path = settingsFile("digest:\n  maxEntries: [1,\n");
    expect(() => loadSettings(path)).toThrow(ConfigError);
    expect(() => loadSettings(path)).toThrow(new RegExp(`${path}: not valid YAML: line \\d`));
  });

  it("a wrong type names the key and what was expected", () => {
    const path = settingsFile("digest:\n  maxEntries: many\n");
    expect(() => loadSettings(path)).toThrow(
      `${path}: digest.maxEntries: Invalid input: expected number, received string`,
    );
  });

  it("an unknown key is refused, so a typo does not fall back silently", () => {
    const path = settingsFile("digest:\n  maxEntires: 5\n");
    expect(() => loadSettings(path)).toThrow(/digest: Unrecognized key: "maxEntires"/);
  });

  it("a bad time names the entry", () => {
    const path = settingsFile("schedule:\n  defaultTimes: ['07:00', '25:00']\n");
    expect(() => loadSettings(path)).toThrow(`${path}: schedule.defaultTimes[1]: expected HH:MM`);
  });
});

describe("the environment", () => {
  it("defaults match the documented contract", () => {
    const env = loadEnv({});
    expect(env.BANTIN_DB).toBe("data/bantin.db");
    expect(env.BANTIN_SOURCES).toBeUndefined();
    expect(DEFAULT_SOURCES_PATH).toBe("config/sources.yaml");
    expect(env.BANTIN_TZ).toBe("Asia/Ho_Chi_Minh");
    expect(env.BANTIN_LANG).toBe("vi");
    expect(env.LOG_LEVEL).toBe("info");
    expect(env.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(env.HTTP_PORT).toBeUndefined();
  });

  it("empty values from .env count as unset", () => {
    expect(loadEnv({ TELEGRAM_BOT_TOKEN: "", BANTIN_LANG: "" }).TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it.each([
    ["BANTIN_TZ", "Mars/Olympus", "environment: BANTIN_TZ: expected an IANA time zone such as Asia/Ho_Chi_Minh"],
    ["BANTIN_LANG", "fr", "environment: BANTIN_LANG: expected vi or en"],
    ["HTTP_PORT", "eighty", 'environment: HTTP_PORT: expected a port number from 0 to 65535, got "eighty"'],
    ["DISCORD_SHARDS", "0", 'environment: DISCORD_SHARDS: expected a shard count from 1 to 4096, got "0"'],
    ["TELEGRAM_API_ROOT", "localhost:8081", "environment: TELEGRAM_API_ROOT: expected an absolute URL"],
    ["LOG_LEVEL", "loud", "environment: LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent"],
  ])("%s=%s is refused with a message naming it", (key, value, message) => {
    expect(() => loadEnv({ [key]: value })).toThrow(message);
  });
});
