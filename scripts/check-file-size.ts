/**
 * `tsx scripts/check-file-size.ts`, run by `npm run lint`: no file under src/ is longer than
 * MAX_LINES lines. Biome has a rule for long functions (noExcessiveLinesPerFunction, see
 * biome.json) but none for long files, hence this script; docs/size-rules.md gives the rules
 * and their reasons. Fails, listing every file over the limit with its line count, unless the
 * file is in EXEMPT; an exemption that is no longer needed (the file is back under the limit,
 * or gone) fails too, so the list stays honest.
 */
import { readdirSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const MAX_LINES = 400;

/** The folders checked, relative to the repository root. */
export const CHECKED_DIRS: readonly string[] = ["src"];

/**
 * Files allowed past MAX_LINES, by path from the repository root, each with the reason it
 * cannot be split. Keep it empty if at all possible; list any entry in docs/size-rules.md too.
 */
export const EXEMPT: Readonly<Record<string, string>> = {};

/** Lines as `wc -l` counts them, plus a last line without a newline. */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  const newlines = text.split("\n").length - 1;
  return text.endsWith("\n") ? newlines : newlines + 1;
}

/** Every file under `dir`, recursively, by path from `root` with `/` separators, sorted. */
function filesUnder(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...filesUnder(root, path));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

/** What is wrong: each file over the limit and not exempt, and each exemption no longer needed. Empty when all is well. */
export function checkFileSizes(
  root: string,
  dirs: readonly string[] = CHECKED_DIRS,
  exempt: Readonly<Record<string, string>> = EXEMPT,
  max: number = MAX_LINES,
): { readonly problems: string[]; readonly files: number } {
  const problems: string[] = [];
  const lines = new Map<string, number>();
  for (const dir of dirs) {
    for (const file of filesUnder(root, dir)) lines.set(file, countLines(readFileSync(join(root, file), "utf8")));
  }
  for (const [file, n] of lines) {
    if (n > max && exempt[file] === undefined) problems.push(`${file}: ${n} lines (at most ${max}): split it`);
  }
  for (const file of Object.keys(exempt).sort()) {
    const n = lines.get(file);
    if (n === undefined)
      problems.push(`${file}: exempt in scripts/check-file-size.ts but no such file: remove the entry`);
    else if (n <= max)
      problems.push(
        `${file}: ${n} lines, within ${max}: its exemption in scripts/check-file-size.ts is not needed, remove it`,
      );
  }
  return { problems, files: lines.size };
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(here)) {
  const root = join(dirname(here), "..");
  const { problems, files } = checkFileSizes(root);
  if (problems.length > 0) {
    process.stderr.write(`file size: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join("\n")}\n`);
    process.exitCode = 1;
  } else {
    const where = CHECKED_DIRS.map((d) => `${d}/`).join(", ");
    process.stdout.write(`file size: ${files} files under ${where}, none over ${MAX_LINES} lines\n`);
  }
}
