/**
 * `npm run eval`: runs every `scripts/eval/*.eval.ts` and prints its report. Each module
 * exports `evaluate(): Promise<EvalReport>`; a module whose data is absent (the external corpora, test/support/corpora.ts)
 * says so in its lines instead of failing.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface EvalReport {
  readonly title: string;
  readonly lines: readonly string[];
  readonly metrics: Readonly<Record<string, number>>;
}

const args = process.argv.slice(2);
const json = args.includes("--json");
const dir = join(dirname(fileURLToPath(import.meta.url)), "eval");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".eval.ts"))
  .sort();
const all: Record<string, number> = {};
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { evaluate: () => Promise<EvalReport> };
  const report = await mod.evaluate();
  Object.assign(all, report.metrics);
  if (!json) process.stdout.write(`\n## ${report.title}\n${report.lines.join("\n")}\n`);
}
if (json) process.stdout.write(`${JSON.stringify(all)}\n`);
