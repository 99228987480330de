import type { z } from "zod";

/** Start-up configuration is wrong: the message names the file or variable, the key, and what was expected. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** One line per problem: "config/sources.yaml: sources[2].url: expected a URL". */
export function describeZodIssues(where: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const key = issue.path.length > 0 ? formatPath(issue.path) : "(top level)";
      return `${where}: ${key}: ${issue.message}`;
    })
    .join("\n");
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
}
