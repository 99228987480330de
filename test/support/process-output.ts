import { afterAll, expect } from "vitest";

/** What every Bantin process a test file started wrote to stdout and stderr, by command. */
const outputs: { readonly args: string; readonly text: () => string }[] = [];

export function recordOutput(args: readonly string[], text: () => string): void {
  outputs.push({ args: args.join(" "), text });
}

/** A stack frame, raw ("\n    at f (file.ts:1:2)") or inside a JSON log line ("\\n    at …"). */
const STACK_FRAME = /(?:\n|\\n)\s+at \S+/;

/**
 * After all tests of the file: no process it started wrote a stack trace, at the default log
 * level (what an operator sees). Call once at the top of a test file.
 */
export function expectNoStackTracesAfterAll(): void {
  afterAll(() => {
    const traced = outputs.splice(0).filter((o) => STACK_FRAME.test(o.text()));
    expect(traced.map((o) => `${o.args}: ${STACK_FRAME.exec(o.text())?.[0]}`)).toEqual([]);
  });
}
