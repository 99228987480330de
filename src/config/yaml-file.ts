import { readFileSync } from "node:fs";
import { parse, YAMLParseError } from "yaml";
import type { z } from "zod";
import { ConfigError, describeZodIssues } from "./config-error.js";

/** Read a YAML file and validate it; every failure is a ConfigError that names the file. */
export function loadYamlFile<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "file not found" : `cannot read it (${code ?? String(cause)})`;
    throw new ConfigError(`${path}: ${why}`, { cause });
  }
  let data: unknown;
  try {
    data = parse(raw);
  } catch (cause) {
    const detail =
      cause instanceof YAMLParseError
        ? `line ${cause.linePos?.[0]?.line ?? "?"}: ${cause.message.split("\n")[0]}`
        : String(cause);
    throw new ConfigError(`${path}: not valid YAML: ${detail}`, { cause });
  }
  const result = schema.safeParse(data ?? {});
  if (!result.success) throw new ConfigError(describeZodIssues(path, result.error), { cause: result.error });
  return result.data;
}
