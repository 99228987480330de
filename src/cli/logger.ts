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
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACT, censor: "[redacted]" },
    // A stack trace is for whoever debugs Bantin, not for an operator reading its log.
    serializers: { err: level === "debug" || level === "trace" ? pino.stdSerializers.err : errorWithoutStack },
  };
  const stream = pretty
    ? pinoPretty({ destination: 2, sync: true, colorize: true, translateTime: "SYS:HH:MM:ss" })
    : pino.destination({ dest: 2, sync: true });
  return pino(options, stream);
}

/** An error as a log field: its type, message and code (and its cause's), no stack. */
function errorWithoutStack(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const { code } = error as { code?: unknown };
  return {
    type: error.name,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    ...(error.cause === undefined ? {} : { cause: errorWithoutStack(error.cause) }),
  };
}
