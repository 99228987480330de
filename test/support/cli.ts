import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { recordOutput } from "./process-output.js";

const run = promisify(execFile);

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI as a user would (`npm run --silent cli -- …`): a real process, its exit code and output. */
export async function cli(
  args: readonly string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<CliResult> {
  const child = run(join("node_modules", ".bin", "tsx"), ["src/cli/main.ts", ...args], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  child.child.stdin?.end(input ?? "");
  const result = await child.then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
  if ((env.LOG_LEVEL ?? "warn") !== "debug") recordOutput(args, () => result.stdout + result.stderr);
  return result;
}
