import { z } from "zod";
import { type Source, sourceId } from "../domain/index.js";
import { ConfigError } from "./config-error.js";
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
});

/**
 * The `--sources FILE` shape of CLI.md, which config/sources.yaml shares:
 * `{sources: [{id, url, name?, lang?, fullText?, weight?}]}`. More keys per source are allowed.
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
    };
  });
}
