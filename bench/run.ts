/**
 * `npm run bench [-- --json] [-- --quick] [-- --only NAME]`: runs every `bench/*.bench.ts`
 * and prints one table (or one JSON object). Each bench module exports
 * `bench(options): Promise<Record<string, number>>`. Figures are measured in one run, so
 * ratios between them are comparable even on a noisy, shared machine.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface BenchOptions {
  readonly quick: boolean;
}

/** The figures `--json` always reports, in this order (issue: one benchmark command). */
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
  "peak_rss_mb",
] as const;

const args = process.argv.slice(2);
const json = args.includes("--json");
const quick = args.includes("--quick");
const onlyIndex = args.indexOf("--only");
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;

const dir = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only === undefined || f.startsWith(only))
  .sort();

const results: Record<string, number> = {};
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as {
    bench: (o: BenchOptions) => Promise<Record<string, number>>;
  };
  if (!json) process.stderr.write(`running ${file}${quick ? " (quick)" : ""}…\n`);
  Object.assign(results, await mod.bench({ quick }));
}

const missing = EXPECTED_KEYS.filter((k) => !(k in results));
if (json) {
  process.stdout.write(`${JSON.stringify(results)}\n`);
} else {
  const width = Math.max(...Object.keys(results).map((k) => k.length), 10);
  for (const [key, value] of Object.entries(results)) {
    process.stdout.write(`${key.padEnd(width)}  ${Number.isInteger(value) ? value : value.toFixed(3)}\n`);
  }
}
if (missing.length > 0 && only === undefined) {
  process.stderr.write(`not measured yet (feature not built): ${missing.join(", ")}\n`);
}
