import { DEFAULT_SOURCES_PATH, type Env } from "../config/index.js";
import { loadSources } from "../config/sources.js";
import type { Logger, Source } from "../domain/index.js";
import { startSampleServer } from "../samples/index.js";

export const SAMPLES_DIR = "data/samples";

export interface NewsSources {
  readonly sources: readonly Source[];
  /** "samples" when the bundled offline feeds are served on loopback for this run. */
  readonly kind: "configured" | "samples";
  close(): Promise<void>;
}

/**
 * The feeds this run reads. A first run with no platform token and no BANTIN_SOURCES reads the
 * bundled samples, served over loopback so the real ingest path runs without network; any
 * explicit sources file, or a platform token, means the real feeds.
 */
export async function resolveNewsSources(
  env: Env,
  mode: { readonly console: boolean; readonly samples: boolean | undefined },
  logger: Logger,
): Promise<NewsSources> {
  const useSamples = mode.samples ?? (mode.console && env.BANTIN_SOURCES === undefined);
  if (!useSamples) {
    const sources = loadSources(env.BANTIN_SOURCES ?? DEFAULT_SOURCES_PATH);
    return { sources, kind: "configured", close: async () => {} };
  }
  const server = await startSampleServer({ dir: SAMPLES_DIR });
  logger.info(
    { sources: server.sources.length, url: server.url },
    "reading the bundled offline sample feeds (set BANTIN_SOURCES to read real ones)",
  );
  return { sources: server.sources, kind: "samples", close: () => server.close() };
}
