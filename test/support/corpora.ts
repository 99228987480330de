/**
 * Where the external test corpora are read from: real-world and adversarial inputs other
 * projects wrote (feedparser, the W3C Feed Validator, rss-parser, KTLAB's ktlab-dev), each
 * under its own licence, so they stay outside the repository and are never copied into it.
 *
 * `BANTIN_CORPORA` names the folder (relative paths from the working directory); unset, it is
 * `../shared/corpora` beside the repository root, the layout CI has. The default is resolved
 * from this file, not from the working directory, so every tool finds the same folder. Tests
 * that need a corpus skip, saying which path was missing, when it is absent.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), "..", "..", "..");
const fromEnv = process.env.BANTIN_CORPORA?.trim();

/** The corpora folder: `$BANTIN_CORPORA`, else `<repo root>/../shared/corpora`. */
export const CORPORA_DIR = fromEnv ? resolve(fromEnv) : join(REPO_ROOT, "..", "shared", "corpora");

/** A path inside the corpora folder, e.g. `corpusPath("feedparser", "tests", "encoding")`. */
export function corpusPath(...segments: readonly string[]): string {
  return join(CORPORA_DIR, ...segments);
}

/** Whether a corpus (a folder or file inside the corpora folder; none given: the folder itself) is present. */
export function hasCorpus(...segments: readonly string[]): boolean {
  return existsSync(corpusPath(...segments));
}

/** ktlab-dev: 60 Vietnamese multi-document clusters with two human reference summaries each. */
export const KTLAB_CLUSTERS = corpusPath("ktlab-dev", "clusters.jsonl");

/**
 * The seed documents the project started from (five saved outlet pages, flattened to text),
 * beside the corpora: `$BANTIN_SEEDS`, else `<repo root>/../shared/seeds`.
 */
export const SEEDS_DIR = process.env.BANTIN_SEEDS?.trim()
  ? resolve(process.env.BANTIN_SEEDS.trim())
  : join(REPO_ROOT, "..", "shared", "seeds");
