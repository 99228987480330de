import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { Document, isMap, isSeq, parseDocument } from "yaml";
import { z } from "zod";
import { type Source, sourceId } from "../domain/index.js";
import { ConfigError, describeZodIssues } from "./config-error.js";
import { isIanaTimeZone } from "./env.js";
import { loadYamlFile } from "./yaml-file.js";

const sourceEntrySchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "expected an id of lower-case letters, digits and hyphens, such as vnexpress"),
  url: z
    .string()
    .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), { message: "expected an absolute http(s) URL" }),
  name: z.string().min(1).optional(),
  lang: z.enum(["vi", "en"], { message: "expected vi or en" }).default("vi"),
  fullText: z.boolean().default(false),
  weight: z.number().min(0).max(10).default(1),
  tz: z
    .string()
    .refine(isIanaTimeZone, { message: "expected an IANA time zone such as Asia/Ho_Chi_Minh or UTC" })
    .optional(),
  headers: z
    .record(
      z.string().regex(/^[A-Za-z0-9-]+$/, "expected a header name such as User-Agent"),
      z.string().regex(/^[^\r\n]*$/, "expected a header value on one line"),
    )
    .optional(),
});

/**
 * The `--sources FILE` shape of docs/cli.md, which config/sources.yaml shares:
 * `{sources: [{id, url, name?, lang?, fullText?, weight?, tz?, headers?}]}`. More keys per source are allowed.
 */
export const sourcesFileSchema = z.object({
  sources: z.array(sourceEntrySchema),
});

/** Load and validate a sources file; duplicate ids are refused with the id named. */
export function loadSources(path: string): Source[] {
  return toSources(loadYamlFile(path, sourcesFileSchema), path);
}

function toSources(file: z.infer<typeof sourcesFileSchema>, where: string): Source[] {
  const seen = new Set<string>();
  return file.sources.map((s, i) => {
    if (seen.has(s.id)) throw new ConfigError(`${where}: sources[${i}].id: duplicate id "${s.id}"`);
    seen.add(s.id);
    return {
      id: sourceId(s.id),
      url: s.url,
      name: s.name ?? s.id,
      lang: s.lang,
      fullText: s.fullText,
      weight: s.weight,
      // Left out when not given: sourceTimezone supplies the language's default where dates are read.
      ...(s.tz === undefined ? {} : { tz: s.tz }),
      ...(s.headers === undefined ? {} : { headers: s.headers }),
    };
  });
}

/**
 * Add a source to a sources file, keeping its comments and layout; the file is created if
 * absent. Refuses a taken id or an invalid entry with the same messages as loading.
 */
export function addSourceToFile(path: string, source: Source): void {
  const doc = readSourcesDocument(path);
  const existing = loadFromDocument(doc, path);
  if (existing.some((s) => s.id === source.id))
    throw new ConfigError(`${path}: a source with id "${source.id}" exists`);
  const entry = {
    id: source.id,
    url: source.url,
    name: source.name,
    lang: source.lang,
    fullText: source.fullText,
    weight: source.weight,
  };
  const sources = doc.get("sources");
  if (isSeq(sources)) sources.add(doc.createNode(entry));
  else doc.set("sources", doc.createNode([entry]));
  loadFromDocument(doc, path);
  writeFileSync(path, doc.toString());
}

/** Remove a source from a sources file by id; false when it was not there. */
export function removeSourceFromFile(path: string, id: string): boolean {
  const doc = readSourcesDocument(path);
  const sources = doc.get("sources");
  if (!isSeq(sources)) return false;
  const index = sources.items.findIndex((item) => isMap(item) && item.get("id") === id);
  if (index < 0) return false;
  sources.delete(index);
  writeFileSync(path, doc.toString());
  return true;
}

function readSourcesDocument(path: string): Document {
  if (!existsSync(path)) return new Document({ sources: [] });
  const doc = parseDocument(readFileSync(path, "utf8"));
  if (doc.errors.length > 0) throw new ConfigError(`${path}: not valid YAML: ${doc.errors[0]?.message.split("\n")[0]}`);
  return doc;
}

function loadFromDocument(doc: Document, path: string): Source[] {
  const result = sourcesFileSchema.safeParse(doc.toJS() ?? { sources: [] });
  if (!result.success) throw new ConfigError(describeZodIssues(path, result.error), { cause: result.error });
  return toSources(result.data, path);
}
