import pino from "pino";
import pinoPretty from "pino-pretty";
import type { Logger } from "../domain/index.js";

/** Keys whose values are secrets: never written to a log line. */
const REDACT = [
  "token",
  "*.token",
  "apiKey",
  "*.apiKey",
  "authorization",
  "*.authorization",
  "*.headers.authorization",
  "TELEGRAM_BOT_TOKEN",
  "DISCORD_TOKEN",
  "LLM_API_KEY",
];

/**
 * One pino logger for the process, always on stderr (stdout belongs to JSON output and the
 * console chat): readable on a terminal, JSON otherwise.
 */
export function createLogger(level: string, pretty = process.stderr.isTTY === true): Logger {
  const options: pino.LoggerOptions = { level, redact: { paths: REDACT, censor: "[redacted]" } };
  const stream = pretty
    ? pinoPretty({ destination: 2, sync: true, colorize: true, translateTime: "SYS:HH:MM:ss" })
    : pino.destination({ dest: 2, sync: true });
  return pino(options, stream);
}
