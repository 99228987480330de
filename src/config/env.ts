import { z } from "zod";
import { ConfigError, describeZodIssues } from "./config-error.js";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const optionalUrl = optionalString.refine((v) => v === undefined || (/^https?:\/\//.test(v) && URL.canParse(v)), {
  message: "expected an absolute URL such as http://127.0.0.1:8081",
});

/** An optional whole number in [min, max]; anything else refused naming what it should be. */
const optionalInteger = (min: number, max: number, what: string) =>
  optionalString.transform((v, ctx) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: "custom", message: `expected ${what} from ${min} to ${max}, got "${v}"` });
      return z.NEVER;
    }
    return n;
  });

const ianaZone = z.string().refine(isIanaTimeZone, { message: "expected an IANA time zone such as Asia/Ho_Chi_Minh" });

export const envSchema = z.object({
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: optionalUrl,
  /** Webhook mode instead of long polling: the public HTTPS URL Telegram posts updates to. */
  TELEGRAM_WEBHOOK_URL: optionalUrl,
  /** Checked on every webhook request (X-Telegram-Bot-Api-Secret-Token); required with TELEGRAM_WEBHOOK_URL. */
  TELEGRAM_WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v), {
    message: "expected 1-256 characters of A-Z, a-z, 0-9, _ and -",
  }),
  TELEGRAM_WEBHOOK_PORT: z.coerce.number({ message: "expected a port number" }).int().min(0).max(65535).default(8443),
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_API: optionalUrl,
  /** Gateway shards (Discord requires them past 2,500 servers); on PostgreSQL the replicas share them out. */
  DISCORD_SHARDS: optionalInteger(1, 4096, "a shard count"),
  BANTIN_DB: z.string().min(1).default("data/bantin.db"),
  /** PostgreSQL instead of SQLite (docs/cli.md says which commands run on it so far). */
  BANTIN_DATABASE_URL: optionalString.refine((v) => v === undefined || isPostgresUrl(v), {
    message: "expected a PostgreSQL URL such as postgres://bantin:secret@db.example:5432/bantin",
  }),
  /** Unset means config/sources.yaml, except that a first console run reads the bundled samples. */
  BANTIN_SOURCES: optionalString,
  BANTIN_CONFIG: z.string().min(1).default("config/bantin.yaml"),
  BANTIN_TOPICS: z.string().min(1).default("config/topics.yaml"),
  BANTIN_TZ: ianaZone.default("Asia/Ho_Chi_Minh"),
  BANTIN_LANG: z.enum(["vi", "en"], { message: "expected vi or en" }).default("vi"),
  LLM_BASE_URL: optionalUrl,
  LLM_API_KEY: optionalString,
  LLM_MODEL: optionalString,
  HTTP_PORT: optionalInteger(0, 65535, "a port number"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "expected one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  NODE_ENV: optionalString,
});

export type Env = z.infer<typeof envSchema>;

/** The sources file read when BANTIN_SOURCES is unset. */
export const DEFAULT_SOURCES_PATH = "config/sources.yaml";

/** Parse the process environment once; nothing else in the program reads process.env. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Empty strings in .env mean "unset" for the optional keys, and the default for the others.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) throw new ConfigError(describeZodIssues("environment", result.error), { cause: result.error });
  return result.data;
}

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//.test(value) && URL.canParse(value);
}

export function isIanaTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.includes("/") || zone === "UTC";
  } catch {
    return false;
  }
}
