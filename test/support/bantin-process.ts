import { type ChildProcess, spawn } from "node:child_process";
import { afterEach } from "vitest";
import { recordOutput } from "./process-output.js";

export interface BantinProcess {
  readonly child: ChildProcess;
  /** Everything written so far to stdout (logs) and stderr (one-line errors), in order. */
  output(): string;
  /** Resolves once the process has ended and its output is all read ("close", not "exit"). */
  readonly closed: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  /** Resolves once the output contains `text`. */
  said(text: string): Promise<void>;
  /** Calls `check` on the output after each chunk; the first time it holds, sends SIGTERM `afterMs` later, once. */
  stopWhen(check: (output: string) => boolean, afterMs?: number): void;
}

/**
 * `bantin start` (or other arguments) as one node process: not the tsx wrapper, whose SIGKILL
 * would orphan the real one. Environment on top of this process's, LOG_LEVEL warn unless given.
 * Every process still running when a test ends is killed.
 */
export function spawnBantin(env: Record<string, string>, args: readonly string[] = ["start"]): BantinProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let output = "";
  // At the default level only: a test that asks for debug output may see stacks.
  if ((env.LOG_LEVEL ?? "warn") !== "debug") recordOutput(args, () => output);
  const watchers: ((text: string) => void)[] = [];
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const watch of watchers) watch(output);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => output,
    closed,
    said: (text) =>
      new Promise<void>((resolve) => {
        if (output.includes(text)) resolve();
        else watchers.push((now) => now.includes(text) && resolve());
      }),
    stopWhen: (check, afterMs = 0) => {
      // One SIGTERM only: a second one means "stop now" to the bot.
      let sent = false;
      watchers.push((text) => {
        if (sent || !check(text)) return;
        sent = true;
        setTimeout(() => child.kill("SIGTERM"), afterMs);
      });
    },
  };
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});
