/**
 * `npm run bench [-- --json] [-- --quick] [-- --only NAME]`: runs every `bench/*.bench.ts`
 * and prints one table (or one JSON object). Each bench module exports
 * `bench(options): Promise<Record<string, number>>`. Each runs in a process of its own, so one
 * bench's memory (peak RSS) and JIT state never leak into the next; figures are measured in
 * one run, so ratios between them compare even on a noisy, shared machine.
 */
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";

export interface BenchOptions {
  readonly quick: boolean;
}

/** The figures `--json` always reports (issue: one benchmark command). */
const EXPECTED_KEYS = [
  "parse_items_per_s",
  "ingest_items_per_s",
  "ingest_over_parse",
  "cluster_10k_s",
  "cluster_100k_s",
  "cluster_growth",
  "digest_p50_ms",
  "digest_p95_ms",
  "fanout_rate_over_limit",
  "fanout_429s",
  "fanout_cluster_rate_over_limit",
  "fanout_cluster_429s",
  "peak_rss_mb",
] as const;

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const here = fileURLToPath(import.meta.url);
const dir = dirname(here);

const childIndex = args.indexOf("--child");
if (childIndex >= 0) {
  // Child mode: run one bench module and print its figures as JSON on stdout.
  const file = args[childIndex + 1] ?? "";
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as {
    bench: (o: BenchOptions) => Promise<Record<string, number>>;
  };
  process.stdout.write(`${JSON.stringify(await mod.bench({ quick }))}\n`);
  process.exit(0);
}

const json = args.includes("--json");
const onlyIndex = args.indexOf("--only");
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only === undefined || f.startsWith(only))
  .sort();

const run = promisify(execFile);
const results: Record<string, number> = {};
for (const file of files) {
  if (!json) process.stderr.write(`running ${file}${quick ? " (quick)" : ""}…\n`);
  // The same Node flags (tsx's loader) so the child runs TypeScript as this process does.
  const { stdout } = await run(
    process.execPath,
    [...process.execArgv, here, "--child", file, ...(quick ? ["--quick"] : [])],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const lastLine = stdout.trim().split("\n").at(-1) ?? "{}";
  Object.assign(results, JSON.parse(lastLine) as Record<string, number>);
}

if (json) {
  process.stdout.write(`${JSON.stringify(results)}\n`);
} else {
  const width = Math.max(10, ...Object.keys(results).map((k) => k.length));
  for (const [key, value] of Object.entries(results)) {
    process.stdout.write(`${key.padEnd(width)}  ${Number.isInteger(value) ? value : value.toFixed(3)}\n`);
  }
}
const missing = EXPECTED_KEYS.filter((k) => !(k in results));
if (missing.length > 0 && only === undefined) {
  process.stderr.write(`not measured: ${missing.join(", ")}\n`);
  process.exitCode = 1;
}
