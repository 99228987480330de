import { existsSync, readFileSync } from "node:fs";
import type { Command } from "commander";
import { DEFAULT_SOURCES_PATH } from "../../config/index.js";
import { addSourceToFile, loadSources, removeSourceFromFile } from "../../config/sources.js";
import { type Lang, type Source, sourceId } from "../../domain/index.js";
import { parseOpml, renderOpml } from "../../ingest/index.js";
import type { Port } from "../../store/port.js";
import type { SourceHealth, SourceStore } from "../../store/sources-repo.js";
import { type CliContext, CommandError } from "../context.js";
import { openNewsStore } from "../news-store.js";
import { registerSourcesCheck } from "./sources-check.js";

interface FileOptions {
  readonly sources?: string;
  readonly db?: string;
}

const SOURCES_OPTION = ["--sources <file>", "sources YAML (default: $BANTIN_SOURCES or config/sources.yaml)"] as const;
const DB_OPTION = [
  "--db <file>",
  "SQLite file (default: PostgreSQL at $BANTIN_DATABASE_URL when set, else $BANTIN_DB or data/bantin.db)",
] as const;

export function registerSources(program: Command, ctx: CliContext): void {
  const sources = program.command("sources").description("manage the news sources");
  registerList(sources, ctx);
  registerAdd(sources, ctx);
  registerRemove(sources, ctx);
  registerImport(sources, ctx);
  registerSourcesCheck(sources, ctx, (file) => sourcesFile(ctx, { sources: file }));
  registerExport(sources, ctx);
}

function sourcesFile(ctx: CliContext, opts: FileOptions): string {
  return opts.sources ?? ctx.env().BANTIN_SOURCES ?? DEFAULT_SOURCES_PATH;
}

/** Run `use` on the source store of the database the options name (see openNewsStore), closing it after. */
async function withStore<T>(
  ctx: CliContext,
  opts: FileOptions,
  use: (store: Port<SourceStore>) => Promise<T>,
): Promise<T> {
  const store = await openNewsStore(ctx, opts.db);
  try {
    return await use(store.sources);
  } catch (cause) {
    throw store.failure(cause);
  } finally {
    await store.close();
  }
}

function registerList(sources: Command, ctx: CliContext): void {
  sources
    .command("list")
    .description("the sources and their health: status, failures in a row, paused until, last error")
    .option(...SOURCES_OPTION)
    .option(...DB_OPTION)
    .option("--json", "print the list as JSON")
    .action(async (opts: FileOptions & { json?: boolean }) => {
      const configured = loadSources(sourcesFile(ctx, opts));
      const health = await withStore(ctx, opts, (store) =>
        Promise.all(
          configured.map(async (s): Promise<ListedSource> => (await store.get(s.id)) ?? { ...s, never: true }),
        ),
      );
      ctx.out(opts.json ? JSON.stringify({ sources: health }) : renderSourcesList(health, Date.now()));
    });
}

interface AddOptions extends FileOptions {
  readonly name?: string;
  readonly lang: string;
  readonly fullText?: boolean;
  readonly weight: string;
}

function registerAdd(sources: Command, ctx: CliContext): void {
  sources
    .command("add")
    .description("add a source to the sources file")
    .argument("<id>", "short id: lower-case letters, digits, hyphens")
    .argument("<url>", "the feed's address")
    .option("--name <name>", "display name (default: the id)")
    .option("--lang <lang>", "vi or en", "vi")
    .option("--full-text", "fetch the article page for relevant items")
    .option("--weight <n>", "editorial weight, 1 is ordinary", "1")
    .option(...SOURCES_OPTION)
    .action((id: string, url: string, opts: AddOptions) => {
      if (opts.lang !== "vi" && opts.lang !== "en")
        throw new CommandError(`--lang: expected vi or en, got "${opts.lang}"`);
      const weight = Number(opts.weight);
      if (!Number.isFinite(weight)) throw new CommandError(`--weight: expected a number, got "${opts.weight}"`);
      const file = sourcesFile(ctx, opts);
      addSourceToFile(file, {
        id: sourceId(id),
        url,
        name: opts.name ?? id,
        lang: opts.lang as Lang,
        fullText: opts.fullText ?? false,
        weight,
      });
      ctx.out(`added ${id} (${url}) to ${file}`);
    });
}

function registerRemove(sources: Command, ctx: CliContext): void {
  sources
    .command("remove")
    .description("remove a source from the sources file (its stored items stay unless --purge)")
    .argument("<id>")
    .option("--purge", "also delete the source's stored items and fetch state")
    .option(...SOURCES_OPTION)
    .option(...DB_OPTION)
    .action(async (id: string, opts: FileOptions & { purge?: boolean }) => {
      const file = sourcesFile(ctx, opts);
      const removed = removeSourceFromFile(file, id);
      const purged = opts.purge ? await withStore(ctx, opts, (store) => store.remove(sourceId(id))) : false;
      if (!removed && !purged) throw new CommandError(`no source "${id}" in ${file}`);
      ctx.out(`removed ${id}${removed ? ` from ${file}` : ""}${purged ? ", and its stored items" : ""}`);
    });
}

function registerImport(sources: Command, ctx: CliContext): void {
  sources
    .command("import")
    .description("add the feeds of an OPML 2.0 file to the sources file (ids or URLs already there are skipped)")
    .argument("<file>")
    .option(...SOURCES_OPTION)
    .action((opml: string, opts: FileOptions) => {
      let text: string;
      try {
        text = readFileSync(opml, "utf8");
      } catch (cause) {
        throw new CommandError(`cannot read ${opml}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`);
      }
      const parsed = parseOpml(text);
      if (parsed.status === "error") throw new CommandError(`${opml}: ${parsed.message}`);
      const file = sourcesFile(ctx, opts);
      const existing = existsSync(file) ? loadSources(file) : [];
      const fresh = parsed.sources.filter((s) => !existing.some((e) => e.id === s.id || e.url === s.url));
      for (const s of fresh) addSourceToFile(file, s);
      ctx.out(`imported ${fresh.length} feeds into ${file} (${parsed.sources.length - fresh.length} already there)`);
    });
}

function registerExport(sources: Command, ctx: CliContext): void {
  sources
    .command("export")
    .description("print the sources as OPML 2.0")
    .option(...SOURCES_OPTION)
    .action((opts: FileOptions) => {
      ctx.out(renderOpml(loadSources(sourcesFile(ctx, opts))));
    });
}

type ListedSource = SourceHealth | (Source & { readonly never: true });

/** "vov  error  5 failures  paused until 10:30  source vov paused for 30 min after 5 failures: HTTP 503". */
export function renderSourcesList(sources: readonly ListedSource[], now: number): string {
  if (sources.length === 0) return "no sources configured";
  const rows = sources.map((s) => {
    if ("never" in s) return [s.id, "new", "", "", "", "never fetched"];
    const paused = s.pausedUntil !== null && s.pausedUntil > now ? `paused until ${isoMinute(s.pausedUntil)}` : "";
    return [
      s.id,
      s.lastStatus ?? "new",
      `${s.consecutiveFailures} failures`,
      `${s.items} items`,
      paused,
      s.lastError ?? (s.lastSuccessAt === null ? "never fetched" : `last ok ${isoMinute(s.lastSuccessAt)}`),
    ];
  });
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(c === r.length - 1 ? 0 : widths[c]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function isoMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
