import { z } from "zod";
import { loadYamlFile } from "../config/index.js";
import { type Source, sourceId } from "../domain/index.js";

const sampleSourcesSchema = z.object({
  sources: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected an id of lower-case letters, digits and hyphens"),
      url: z.string().regex(/^sample:\/[^\s]+$/, "expected a sample: URL such as sample:/vi/bao-mau.rss"),
      name: z.string().min(1),
      lang: z.enum(["vi", "en"]),
      fullText: z.boolean().default(false),
      weight: z.number().min(0).max(10).default(1),
    }),
  ),
});

/**
 * Read `sources.yaml` of the sample folder (URLs written `sample:/path`) and give each source
 * its absolute URL on the sample server at `base`.
 */
export function loadSampleSources(path: string, base: string): Source[] {
  const file = loadYamlFile(path, sampleSourcesSchema);
  return file.sources.map((s) => ({
    id: sourceId(s.id),
    url: new URL(s.url.slice("sample:".length), base).href,
    name: s.name,
    lang: s.lang,
    fullText: s.fullText,
    weight: s.weight,
  }));
}
