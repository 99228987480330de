import type { Command } from "commander";
import { loadSources } from "../../config/sources.js";
import { checkSources, type SourceCheck } from "../../ingest/check-sources.js";
import type { CliContext } from "../context.js";

type DatesPresent = "all" | "some" | "none";

const datesPresent = (c: Extract<SourceCheck, { status: "ok" }>): DatesPresent =>
  c.dated === 0 ? "none" : c.dated === c.items ? "all" : "some";

/**
 * `sources check [--json]`: every source fetched once, nothing stored. Exit 0 when the check
 * ran, whatever the sources answered (as `ingest --once`).
 */
export function registerSourcesCheck(sources: Command, ctx: CliContext, sourcesFile: (file?: string) => string): void {
  sources
    .command("check")
    .description("fetch every source once, store nothing: status, items, newest item's date, whether dates are present")
    .option("--sources <file>", "sources YAML (default: $BANTIN_SOURCES or config/sources.yaml)")
    .option("--json", "print the result as JSON")
    .action(async (opts: { sources?: string; json?: boolean }) => {
      const checks = await checkSources(loadSources(sourcesFile(opts.sources)), ctx.settings().ingest);
      ctx.out(opts.json ? JSON.stringify({ sources: checks.map(toJson) }) : renderChecks(checks));
    });
}

function toJson(c: SourceCheck) {
  if (c.status === "error") return c;
  return {
    id: c.id,
    url: c.url,
    status: c.status,
    items: c.items,
    newest: c.newest === undefined ? null : new Date(c.newest).toISOString(),
    dated: c.dated,
    datesPresent: datesPresent(c),
  };
}

/** One line a source: "yonhap-nk  ok  97 items  newest 2026-12-01 08:10 UTC  dates: all". */
export function renderChecks(checks: readonly SourceCheck[]): string {
  if (checks.length === 0) return "no sources configured";
  const rows = checks.map((c) =>
    c.status === "error"
      ? [c.id, "error", "", "", c.error]
      : [
          c.id,
          "ok",
          `${c.items} items`,
          c.newest === undefined
            ? "newest: undated"
            : `newest ${new Date(c.newest).toISOString().slice(0, 16).replace("T", " ")} UTC`,
          `dates: ${datesPresent(c)}`,
        ],
  );
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  const lines = rows.map((r) =>
    r
      .map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]!)))
      .join("  ")
      .trimEnd(),
  );
  const failed = checks.filter((c) => c.status === "error").length;
  lines.push(`${checks.length} sources, ${checks.length - failed} working, ${failed} failed`);
  return lines.join("\n");
}
