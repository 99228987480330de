import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/index.js";
import { loadTopics } from "../../src/config/topics.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

describe("topics.yaml", () => {
  it("the bundled file loads with the subscribable topics", () => {
    const ids = loadTopics().topics.map((t) => t.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "my-trieu",
        "lien-trieu",
        "dong-minh",
        "hat-nhan-ten-lua",
        "nga-trung-trieu",
        "viet-nam-hai-mien",
      ]),
    );
  });

  it("a topic rule naming an unknown entity is refused with the key", () => {
    const path = join(tempDir(), "topics.yaml");
    writeFileSync(
      path,
      "topics:\n  - {id: a, label: {vi: A, en: A}, description: {vi: A, en: A}, any: [nowhere]}\nentities:\n  - {id: x, role: anchor, aliases: [X]}\n",
    );
    expect(() => loadTopics(path)).toThrow(ConfigError);
    expect(() => loadTopics(path)).toThrow(/topics\[0\] \(a\): unknown entity or group "nowhere"/);
  });

  it("an entity with a key the file does not know is refused, named with the key", () => {
    const path = join(tempDir(), "topics.yaml");
    writeFileSync(
      path,
      "topics:\n  - {id: a, label: {vi: A, en: A}, description: {vi: A, en: A}, any: [x]}\nentities:\n  - {id: x, role: anchor, event: often, aliases: [X]}\n",
    );
    expect(() => loadTopics(path)).toThrow(/entities\[0\]: Unrecognized key: "event"/);
  });
});
