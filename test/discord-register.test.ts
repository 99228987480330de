import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli } from "./support/cli.js";
import { type FakeDiscord, startFakeDiscord } from "./support/fake-discord.js";

const APP = "1200000000000000000";
const GUILD = "1100000000000000000";
let fake: FakeDiscord;

beforeEach(async () => {
  fake = await startFakeDiscord({ token: "register-token" });
});
afterEach(() => fake.close());

const env = () => ({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: APP, DISCORD_API: fake.api });
const NAMES = [
  "help",
  "subscribe",
  "unsubscribe",
  "topics",
  "digest",
  "search",
  "schedule",
  "timezone",
  "lang",
  "alerts",
  "sources",
  "status",
];

describe("bantin discord register", () => {
  it("puts every command globally, described in English with Vietnamese localisations", async () => {
    const result = await cli(["discord", "register"], env());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("registered 12 commands globally");
    const put = fake.commands.get("global") ?? [];
    expect(put.map((c) => c.name).sort()).toEqual([...NAMES].sort());
    const subscribe = put.find((c) => c.name === "subscribe");
    expect(subscribe).toMatchObject({
      type: 1,
      description: "subscribe to topics (none: all)",
      description_localizations: { vi: "đăng ký chủ đề (không ghi: tất cả)" },
      contexts: [0, 1],
      options: [{ name: "topic", type: 3, required: false, autocomplete: true }],
    });
    expect(put.find((c) => c.name === "lang")?.options).toEqual([
      expect.objectContaining({
        name: "language",
        required: true,
        choices: [
          { name: "Vietnamese", name_localizations: { vi: "Tiếng Việt" }, value: "vi" },
          { name: "English", name_localizations: { vi: "Tiếng Anh" }, value: "en" },
        ],
      }),
    ]);
  });

  it("with --guild, puts them in that guild only", async () => {
    const result = await cli(["discord", "register", "--guild", GUILD], env());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`in guild ${GUILD}`);
    expect([...fake.commands.keys()]).toEqual([`guild:${GUILD}`]);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /applications/${APP}/guilds/${GUILD}/commands`,
    ]);
  });

  it("says which setting is missing instead of calling Discord", async () => {
    const result = await cli(["discord", "register"], {
      DISCORD_TOKEN: "",
      DISCORD_APPLICATION_ID: "",
      DISCORD_API: fake.api,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("DISCORD_TOKEN and DISCORD_APPLICATION_ID");
    expect(fake.requests).toHaveLength(0);
  });

  it("reports Discord's refusal of a wrong token in one line", async () => {
    const result = await cli(["discord", "register"], { ...env(), DISCORD_TOKEN: "wrong" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^bantin: Discord refused the commands: HTTP 401/);
  });
});
