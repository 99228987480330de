// The import table of docs/architecture.md (why: docs/adr/0005), enforced: each folder of src/ may import only
// the folders listed for it, and nothing may import in a cycle.
const layers = {
  domain: [],
  text: ["domain"],
  ingest: ["domain", "text"],
  analyze: ["domain", "text"],
  digest: ["domain", "text"],
  store: ["domain"],
  delivery: ["domain", "store"],
  config: ["domain", "text"],
  llm: ["domain", "analyze", "text"],
  chat: ["domain", "store", "digest", "text"],
  // One folder per platform owns everything of it (client, renderer, sender, start); no platform imports another.
  "adapters/telegram": ["chat", "delivery", "digest", "domain", "text"],
  "adapters/discord": ["chat", "delivery", "digest", "domain", "text"],
  "adapters/console": ["chat", "delivery", "digest", "domain", "text"],
  samples: ["domain", "config"],
  http: ["domain", "store"],
  // Cron and ticks: when things happen, not how; the pipeline gives them their work.
  schedule: ["domain", "store", "delivery", "digest"],
  // The flow between stages, the one room that reads the article side and feeds the delivery side.
  pipeline: [
    "domain",
    "text",
    "ingest",
    "analyze",
    "digest",
    "store",
    "delivery",
    "config",
    "llm",
    "chat",
    "schedule",
    "adapters/telegram",
    "adapters/discord",
    "adapters/console",
  ],
};
const all = [
  "domain",
  "text",
  "ingest",
  "analyze",
  "digest",
  "store",
  "delivery",
  "config",
  "llm",
  "chat",
  "adapters",
  "schedule",
  "cli",
  "http",
  // The composition root `start` uses: it may import everything; the layers above may not import it.
  "app",
  "samples",
  "pipeline",
];

const forbidden = Object.entries(layers).map(([from, allowed]) => ({
  name: `layer-${from.replace("/", "-")}`,
  comment: `src/${from} may import only: ${allowed.join(", ") || "nothing of ours"} (docs/architecture.md)`,
  severity: "error",
  from: { path: `^src/${from}/` },
  to: {
    path: `^src/(${all.join("|")})/`,
    pathNot: [`^src/${from}/`, ...allowed.map((a) => `^src/${a}/`)],
  },
}));

module.exports = {
  forbidden: [
    ...forbidden,
    {
      name: "adapters-only-from-roots",
      severity: "error",
      comment:
        "platform code is wired in by the composition roots (app, cli); only pipeline also reads the adapters, for their renderers",
      from: { path: "^src/", pathNot: "^src/(adapters|app|cli|pipeline)/" },
      to: { path: "^src/adapters/" },
    },
    {
      name: "platform-renderers-are-pure",
      severity: "error",
      comment:
        "the renderers pipeline imports (Telegram HTML, Discord payloads) do no I/O: no platform client, no network, no store",
      from: {
        path: "^src/adapters/(telegram/(render-digest-html|telegram-html)|discord/(render-discord|discord-payload))[.]ts$",
      },
      to: {
        path: "^(fs|node:fs|net|node:net|http|node:http|https|node:https|child_process|node:child_process|better-sqlite3|grammy|discord\\.js|undici)$|node_modules/(better-sqlite3|grammy|discord\\.js|undici)/|^src/(store|delivery)/",
      },
    },
    {
      name: "no-circular",
      severity: "error",
      comment: "import cycles make modules impossible to reason about one at a time",
      from: {},
      to: { circular: true },
    },
    {
      name: "core-is-pure",
      severity: "error",
      comment:
        "domain, text, analyze and digest do no I/O (docs/adr/0005): no fs, net, http, sqlite or platform clients",
      from: { path: "^src/(domain|text|analyze|digest)/" },
      to: {
        path: "^(fs|node:fs|net|node:net|http|node:http|https|node:https|child_process|node:child_process|better-sqlite3|grammy|discord\\.js|undici)$|node_modules/(better-sqlite3|grammy|discord\\.js|undici)/",
      },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
      extensions: [".ts", ".js"],
    },
  },
};
