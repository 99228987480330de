import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ConfigError } from "./config-error.js";
import { loadYamlFile } from "./yaml-file.js";

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected an id of lower-case letters, digits and hyphens");
const bilingual = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });

const topicSchema = z.strictObject({
  id,
  label: bilingual,
  description: bilingual,
  weight: z.number().min(0).max(10).default(1),
  any: z.array(id).default([]),
  all: z.array(z.array(id).min(1)).default([]),
});

const entitySchema = z.strictObject({
  id,
  role: z.enum(["anchor", "korea", "context", "actor", "offtopic"], {
    message: "expected anchor, korea, context, actor or offtopic",
  }),
  groups: z.array(id).default([]),
  aliases: z.array(z.string().min(1)).min(1),
});

/** config/topics.yaml: the topics a chat can subscribe to and the lexicon behind them. */
export const topicsFileSchema = z.strictObject({
  topics: z.array(topicSchema).min(1),
  entities: z.array(entitySchema).min(1),
});

export type TopicsFile = z.infer<typeof topicsFileSchema>;

/** Where the bundled topics file lives, whatever the working directory. */
export const DEFAULT_TOPICS_PATH = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "config", "topics.yaml");

/**
 * Load and validate the topics file. Refuses duplicate ids, topic rules that name no known entity
 * or group, and a topic that can never match (neither `any` nor `all`), naming the key.
 */
export function loadTopics(path: string = DEFAULT_TOPICS_PATH): TopicsFile {
  const file = loadYamlFile(path, topicsFileSchema);
  const known = new Set<string>();
  const entityIds = new Set<string>();
  file.entities.forEach((e, i) => {
    if (entityIds.has(e.id)) throw new ConfigError(`${path}: entities[${i}].id: duplicate id "${e.id}"`);
    entityIds.add(e.id);
    known.add(e.id);
    for (const g of e.groups) known.add(g);
  });
  const topicIds = new Set<string>();
  file.topics.forEach((t, i) => {
    if (topicIds.has(t.id)) throw new ConfigError(`${path}: topics[${i}].id: duplicate id "${t.id}"`);
    topicIds.add(t.id);
    if (t.any.length === 0 && t.all.length === 0) {
      throw new ConfigError(`${path}: topics[${i}]: expected at least one of any or all`);
    }
    for (const ref of [...t.any, ...t.all.flat()]) {
      if (!known.has(ref)) throw new ConfigError(`${path}: topics[${i}] (${t.id}): unknown entity or group "${ref}"`);
    }
  });
  return file;
}
