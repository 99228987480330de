import type { Logger } from "../../src/domain/index.js";

export interface LogLine {
  readonly level: "error" | "warn" | "info" | "debug";
  readonly msg: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A Logger that keeps every line (children included) for a test to read. */
export function recordingLogger(lines: LogLine[] = []): Logger & { readonly lines: readonly LogLine[] } {
  const at =
    (level: LogLine["level"]) =>
    (a: object | string, b?: string): void => {
      lines.push(
        typeof a === "string" ? { level, msg: a, fields: {} } : { level, msg: b ?? "", fields: a as LogLine["fields"] },
      );
    };
  const logger: Logger & { lines: readonly LogLine[] } = {
    lines,
    error: at("error"),
    warn: at("warn"),
    info: at("info"),
    debug: at("debug"),
    child: () => logger,
  };
  return logger;
}
