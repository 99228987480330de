import type { Command } from "commander";
import { DEFAULT_SOURCES_PATH } from "../../config/index.js";
import { loadSources } from "../../config/sources.js";
import { loadTopics } from "../../config/topics.js";
import type { IngestReport } from "../../ingest/index.js";
import { createNewsPipeline } from "../../pipeline/news-pipeline.js";
import { type CliContext, CommandError } from "../context.js";
import { openNewsStore } from "../news-store.js";

interface IngestOptions {
  readonly once?: boolean;
  readonly sources?: string;
  readonly db?: string;
  readonly json?: boolean;
  /** commander's `--no-analyze`: true unless it is given. */
  readonly analyze: boolean;
}

export function registerIngest(program: Command, ctx: CliContext): void {
  program
    .command("ingest")
    .description("fetch the sources once, store new items and analyse them (events, summaries) for `digest`")
    .option("--once", "one pass over the sources, then exit")
    .option("--sources <file>", "sources YAML (default: $BANTIN_SOURCES or config/sources.yaml)")
    .option(
      "--db <file>",
      "SQLite file (default: PostgreSQL at $BANTIN_DATABASE_URL when set, else $BANTIN_DB or data/bantin.db)",
    )
    .option("--json", "print the result as JSON")
    .option("--no-analyze", "store only: leave relevance, events and summaries to the next `start` or ingest")
    .action(async (opts: IngestOptions) => {
      if (!opts.once) {
        throw new CommandError("ingest needs --once (one pass, then exit); `start` runs ingest on a schedule.");
      }
      const env = ctx.env();
      const sources = loadSources(opts.sources ?? env.BANTIN_SOURCES ?? DEFAULT_SOURCES_PATH);
      const lexicon = loadTopics(env.BANTIN_TOPICS);
      const store = await openNewsStore(ctx, opts.db);
      let report: IngestReport;
      try {
        // The same pass as `start`'s, so `ingest --once` then `digest` shows what the bot would.
        const pipeline = createNewsPipeline({
          stores: store,
          env,
          sources,
          lexicon,
          settings: ctx.settings(),
          logger: ctx.logger(),
        });
        report = await pipeline.ingest();
        // Analysis takes a bounded batch per call; a first pass over many feeds may need several.
        const analyzeAll = async (): Promise<true> => {
          for (;;) {
            const analyzed = await pipeline.analyze();
            if (analyzed.analyzed === 0) return true;
            ctx.logger().info({ job: "ingest", ...analyzed }, "stored items analysed");
          }
        };
        if (opts.analyze && (await store.asTheOnlyAnalyst(analyzeAll)) === undefined) {
          ctx
            .logger()
            .warn({ job: "ingest" }, "a bot is active on this database: its next pass analyses what this one stored");
        }
      } catch (cause) {
        throw store.failure(cause);
      } finally {
        await store.close();
      }
      ctx.out(opts.json ? JSON.stringify(toJson(report)) : renderIngestTable(report));
    });
}

/** docs/cli.md's shape, exactly: `{"sources":[{"id","url","status","new","seen","error"?}]}`. */
function toJson(report: IngestReport) {
  return {
    sources: report.sources.map((s) => ({
      id: s.id,
      url: s.url,
      status: s.status,
      new: s.new,
      seen: s.seen,
      ...(s.error === undefined ? {} : { error: s.error }),
    })),
  };
}

/** One line per source: new, seen, status, time, and the error when there is one. */
export function renderIngestTable(report: IngestReport): string {
  const rows = [
    ["source", "new", "seen", "status", "time", "error"],
    ...report.sources.map((s) => [
      s.id,
      String(s.new),
      String(s.seen),
      s.status,
      `${(s.ms / 1000).toFixed(1)} s`,
      s.error ?? "",
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((r) =>
    r
      .map((cell, c) =>
        c === r.length - 1 ? cell : c >= 1 && c <= 2 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!),
      )
      .join("  ")
      .trimEnd(),
  );
  const totals = report.sources.reduce(
    (t, s) => ({ new: t.new + s.new, failed: t.failed + (s.status === "error" ? 1 : 0) }),
    {
      new: 0,
      failed: 0,
    },
  );
  lines.push(`${report.sources.length} sources, ${totals.new} new items, ${totals.failed} failed`);
  return lines.join("\n");
}
