import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { type FakeDiscord, ODD_ANSWERS, type OddAnswer, startFakeDiscord } from "../support/fake-discord.js";
import { expectNoStackTracesAfterAll } from "../support/process-output.js";

const APP = "1200000000000000000";
const GUILD = "1100000000000000000";
let fake: FakeDiscord;
expectNoStackTracesAfterAll();

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
  "watch",
  "unwatch",
  "mute",
  "unmute",
  "story",
  "sources",
  "status",
];

describe("bantin discord register", () => {
  it("puts every command globally, described in English with Vietnamese localisations", async () => {
    const result = await cli(["discord", "register"], env());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("registered 17 commands globally");
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
    expect(result.stderr).toBe(
      "bantin: discord register: Discord refused the commands: HTTP 401, code 0: 401: Unauthorized; check DISCORD_TOKEN\n",
    );
  });
});

describe("bantin discord register against a server that answers oddly", () => {
  const COMMANDS_ROUTE = "/applications/:app/commands";
  const cases: readonly [string, OddAnswer, (api: string) => string][] = [
    [
      "an HTML 502 from a proxy",
      ODD_ANSWERS.html502,
      (api) => `Discord answered HTTP 502 with a page that is not JSON; try again later (DISCORD_API: ${api})`,
    ],
    [
      "an empty 502",
      ODD_ANSWERS.empty,
      (api) => `Discord answered HTTP 502 with an empty body; try again later (DISCORD_API: ${api})`,
    ],
    [
      "Discord's own 500",
      ODD_ANSWERS.discord500,
      (api) => `Discord answered HTTP 500 Internal Server Error; try again later (DISCORD_API: ${api})`,
    ],
    [
      "a firewall's 429 page",
      ODD_ANSWERS.html429,
      (api) =>
        `Discord answered HTTP 429 with a page that is not JSON and without Retry-After; try again later (DISCORD_API: ${api})`,
    ],
    [
      "an HTML 403 from a firewall",
      ODD_ANSWERS.html403,
      (api) =>
        `Discord answered HTTP 403 with a page that is not JSON, not Discord's own answer; check DISCORD_API and any proxy in between (DISCORD_API: ${api})`,
    ],
    [
      "a 200 with a page instead of the commands",
      ODD_ANSWERS.okHtml,
      (api) =>
        `Discord answered HTTP 200 with an answer that is not the list of commands, not Discord's own answer; check DISCORD_API and any proxy in between (DISCORD_API: ${api})`,
    ],
    [
      "a reset connection",
      ODD_ANSWERS.reset,
      (api) => `no answer from Discord (UND_ERR_SOCKET); check DISCORD_API and the network (DISCORD_API: ${api})`,
    ],
  ];
  for (const [name, odd, line] of cases) {
    it(`${name}: one line on stderr saying what came back and what to do, a non-zero exit, no stack`, async () => {
      fake.scriptRoute("PUT", COMMANDS_ROUTE, odd);
      const result = await cli(["discord", "register"], env());
      expect(result.stderr).toBe(`bantin: discord register: ${line(fake.api)}\n`);
      expect(result.code).not.toBe(0);
      expect(result.stdout).toBe("");
      expect(fake.commands.size).toBe(0);
    });
  }

  it("a 5xx is tried once more, then reported: a person is waiting at the terminal", async () => {
    fake.scriptRoute("PUT", COMMANDS_ROUTE, ODD_ANSWERS.html502);
    await cli(["discord", "register"], env());
    expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["PUT 502", "PUT 502"]);
  });

  it("Discord's refusal with field errors is one line naming every field", async () => {
    const errors = {
      "0": { name: { _errors: [{ code: "APPLICATION_COMMAND_INVALID_NAME", message: "Command name is invalid" }] } },
      "3": { description: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 100 or fewer in length." }] } },
    };
    fake.scriptRoute("PUT", COMMANDS_ROUTE, {
      status: 400,
      contentType: "application/json",
      body: JSON.stringify({ code: 50035, message: "Invalid Form Body", errors }),
    });
    const result = await cli(["discord", "register"], env());
    expect(result.stderr).toBe(
      "bantin: discord register: Discord refused the commands: HTTP 400, code 50035: Invalid Form Body; " +
        "0.name[APPLICATION_COMMAND_INVALID_NAME]: Command name is invalid; " +
        "3.description[BASE_TYPE_MAX_LENGTH]: Must be 100 or fewer in length.\n",
    );
    expect(result.code).toBe(2);
  });
});
