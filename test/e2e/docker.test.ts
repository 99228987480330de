import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { envSchema } from "../../src/config/env.js";

// There is no Docker engine on our machines: these tests check what can be checked without one.
const ROOT = join(import.meta.dirname, "..", "..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
const buildOutDir = (JSON.parse(read("tsconfig.build.json")) as { compilerOptions: { outDir: string } }).compilerOptions
  .outDir;

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}
interface Stage {
  readonly image: string;
  readonly name: string | undefined;
  readonly instructions: Instruction[];
  /** Absolute paths this stage creates: COPY destinations and what recognised RUN commands make. */
  readonly produces: Set<string>;
}

/** Dockerfile instructions, with line continuations joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const joined = text
    .split("\n")
    .filter((line) => !/^\s*#/.test(line))
    .join("\n")
    .replace(/\\\n/g, " ");
  return joined
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const [keyword = "", ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    });
}

function stages(text: string): Stage[] {
  const result: Stage[] = [];
  let workdir = "/";
  for (const ins of instructions(text)) {
    if (ins.keyword === "FROM") {
      const [image = "", , name] = ins.args.split(/\s+/);
      result.push({ image, name, instructions: [], produces: new Set() });
      workdir = "/";
      continue;
    }
    const stage = result.at(-1);
    if (stage === undefined) continue;
    stage.instructions.push(ins);
    if (ins.keyword === "WORKDIR") workdir = posix.resolve(workdir, ins.args);
    if (ins.keyword === "COPY") stage.produces.add(posix.resolve(workdir, copyArgs(ins).dest));
    if (ins.keyword === "RUN" && /\bnpm ci\b/.test(ins.args)) stage.produces.add(posix.join(workdir, "node_modules"));
    if (ins.keyword === "RUN" && /\bnpm run build\b/.test(ins.args))
      stage.produces.add(posix.join(workdir, buildOutDir));
  }
  return result;
}

function copyArgs(ins: Instruction): { from: string | undefined; sources: string[]; dest: string } {
  const words = ins.args.split(/\s+/);
  const from = words.find((w) => w.startsWith("--from="))?.slice("--from=".length);
  const paths = words.filter((w) => !w.startsWith("--"));
  return { from, sources: paths.slice(0, -1), dest: paths.at(-1) ?? "" };
}

/** `npm run X`, `npm start`, `npm test` in a shell line or exec-form command. */
function npmScriptsIn(command: string): string[] {
  return [...command.matchAll(/\bnpm\s+(?:run(?:-script)?\s+(?:--\S+\s+)*([\w:-]+)|(start|test))\b/g)].map(
    (m) => m[1] ?? m[2] ?? "",
  );
}

const dockerfile = read("Dockerfile");
const all = stages(dockerfile);
const final = all.at(-1)!;
const compose = parse(read("docker-compose.yml")) as {
  services: Record<
    string,
    {
      build?: string;
      image?: string;
      environment?: Record<string, string>;
      volumes?: string[];
      command?: string;
      profiles?: string[];
      depends_on?: Record<string, unknown>;
    }
  >;
};

describe("the Dockerfile", () => {
  it("is multi-stage on a current Node LTS slim image", () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const stage of all) {
      const match = /^node:(\d+)(?:\.\d+)*-(?:[a-z]+-)?slim$/.exec(stage.image);
      expect(match, stage.image).not.toBeNull();
      const major = Number(match![1]);
      expect(major % 2, `${stage.image}: even Node majors are the LTS lines`).toBe(0);
      expect(major).toBeGreaterThanOrEqual(22);
    }
  });

  it("copies only files that exist in the repository or that an earlier stage produced", () => {
    for (const [i, stage] of all.entries()) {
      for (const ins of stage.instructions.filter((x) => x.keyword === "COPY" || x.keyword === "ADD")) {
        const { from, sources } = copyArgs(ins);
        expect(sources.length, ins.args).toBeGreaterThan(0);
        if (from === undefined) {
          for (const source of sources) expect(existsSync(join(ROOT, source)), `COPY ${source}`).toBe(true);
        } else {
          const origin = all.slice(0, i).find((s) => s.name === from);
          expect(origin, `stage ${from}`).toBeDefined();
          for (const source of sources)
            expect([...origin!.produces], `COPY --from=${from} ${source}`).toContain(source);
        }
      }
    }
  });

  it("runs only npm scripts that package.json defines, and a compiled entry point the build makes", () => {
    const commands = all.flatMap((s) => s.instructions.filter((x) => ["RUN", "CMD", "ENTRYPOINT"].includes(x.keyword)));
    const used = commands.flatMap((c) => npmScriptsIn(c.args));
    expect(used).toContain("build");
    for (const script of used) expect(Object.keys(scripts), `npm script ${script}`).toContain(script);
    const cmd = final.instructions.find((x) => x.keyword === "CMD")!;
    const entry = /"(dist\/[\w/.-]+\.js)"/.exec(cmd.args)?.[1];
    expect(entry, cmd.args).toBeDefined();
    expect(existsSync(join(ROOT, entry!.replace(/^dist\//, "src/").replace(/\.js$/, ".ts")))).toBe(true);
  });

  it("installs only production dependencies into the runtime image", () => {
    const copied = final.instructions.find(
      (x) => x.keyword === "COPY" && copyArgs(x).sources.includes("/app/node_modules"),
    );
    const origin = all.find((s) => s.name === copyArgs(copied!).from)!;
    expect(origin.instructions.some((x) => x.keyword === "RUN" && /\bnpm ci\b.*--omit=dev/.test(x.args))).toBe(true);
  });

  it("ships the migrations beside the compiled store: the build copies them, and the runtime takes dist whole", () => {
    expect(scripts.build).toContain("src/store/migrations");
    expect(scripts.build).toContain(`${buildOutDir}/store/migrations`);
    expect(scripts.build).toContain(`'src/store/migrations-postgres','${buildOutDir}/store/migrations-postgres'`);
    const build = all.find((st) =>
      st.instructions.some((x) => x.keyword === "RUN" && /\bnpm run build\b/.test(x.args)),
    )!;
    expect(build.instructions.some((x) => x.keyword === "COPY" && copyArgs(x).sources.includes("src"))).toBe(true);
    const dist = final.instructions.find(
      (x) => x.keyword === "COPY" && copyArgs(x).sources.includes(`/app/${buildOutDir}`),
    );
    expect(dist?.args).toContain(`--from=${build.name}`);
  });

  it("runs as a non-root user with the database in the /app/data volume", () => {
    const user = final.instructions.filter((x) => x.keyword === "USER").at(-1)?.args;
    expect(user).toBeDefined();
    expect(["root", "0", "0:0"]).not.toContain(user);
    expect(final.instructions.find((x) => x.keyword === "VOLUME")?.args).toContain("/app/data");
  });

  it("checks health on /healthz with Node itself, since slim images have no curl", () => {
    const check = final.instructions.find((x) => x.keyword === "HEALTHCHECK")!.args;
    expect(check).toContain("/healthz");
    expect(check).toMatch(/CMD \["node", "-e"/);
    expect(check).not.toMatch(/\b(curl|wget)\b/);
  });
});

describe(".dockerignore", () => {
  const patterns = read(".dockerignore")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  /** Docker's matching, for the plain patterns used here: a path or one of its parents, `*` within a name. */
  const ignored = (path: string) =>
    patterns.some((p) => {
      const re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}(/|$)`);
      return re.test(path);
    });

  it("keeps secrets, the live database and installed modules out of the build context", () => {
    for (const path of [
      ".env",
      "node_modules/grammy/package.json",
      "data/bantin.db",
      "data/bantin.db-wal",
      ".git/HEAD",
    ])
      expect(ignored(path), path).toBe(true);
  });

  it("keeps everything the Dockerfile copies from the context", () => {
    const copied = all.flatMap((st) =>
      st.instructions
        .filter((x) => x.keyword === "COPY" && copyArgs(x).from === undefined)
        .flatMap((x) => copyArgs(x).sources),
    );
    expect(copied).toContain("data/samples");
    for (const source of copied) expect(ignored(source), source).toBe(false);
  });
});

describe("docker-compose.yml", () => {
  const [name, service] = Object.entries(compose.services)[0]!;

  it("builds this Dockerfile and keeps the database in a volume at /app/data", () => {
    expect(name).toBe("bantin");
    expect(service.build).toBe(".");
    expect(service.volumes?.some((v) => v.endsWith(":/app/data"))).toBe(true);
  });

  it("sets only environment variables Bantin reads", () => {
    const known = Object.keys(envSchema.shape);
    for (const [, each] of Object.entries(compose.services).filter(([, s]) => s.build === ".")) {
      for (const key of Object.keys(each.environment ?? {})) expect(known, key).toContain(key);
      for (const script of npmScriptsIn(each.command ?? "")) expect(Object.keys(scripts)).toContain(script);
    }
  });

  it("has a replicas profile: two Bantin replicas on the profile's PostgreSQL, started once it is ready", () => {
    const inProfile = Object.entries(compose.services).filter(([, s]) => s.profiles?.includes("replicas"));
    const replicas = inProfile.filter(([, s]) => s.build === ".");
    expect(replicas).toHaveLength(2);
    expect(inProfile.some(([id, s]) => id === "postgres" && s.image?.startsWith("postgres:"))).toBe(true);
    for (const [id, replica] of replicas) {
      const url = replica.environment?.BANTIN_DATABASE_URL ?? "";
      expect(new URL(url).hostname, id).toBe("postgres");
      expect(replica.depends_on, id).toHaveProperty("postgres");
    }
    // The single-process service stays outside the profile: `docker compose up` runs it alone, on SQLite.
    expect(service.profiles).toBeUndefined();
  });
});
