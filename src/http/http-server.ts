import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Logger, silentLogger } from "../domain/index.js";
import type { HealthRepo } from "../store/health-repo.js";
import type { EitherStore } from "../store/port.js";
import { createBantinMetrics, type ObserveCommandLatency } from "./bantin-metrics.js";
import { evaluateHealth, type HealthInput } from "./health-check.js";

export interface HealthOptions {
  /** Adapters the app started, and whether each is connected now, e.g. `{ telegram: true, console: true }`. */
  readonly adapters?: () => Readonly<Record<string, boolean>>;
  /** Unhealthy when no source was fetched successfully for this long. Default 3600 (4 missed 15-minute ticks). */
  readonly maxIngestAgeSeconds?: number;
}

export interface HttpServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /**
   * Interface to listen on. Default: all of them, because an operator who sets HTTP_PORT wants
   * Prometheus (or a container's port mapping) to reach it; nothing served is secret.
   */
  readonly host?: string;
  /** The store's health queries, on SQLite or PostgreSQL. */
  readonly store: EitherStore<HealthRepo>;
  readonly health?: HealthOptions;
  readonly logger?: Logger;
  readonly now?: () => number;
}

export interface HttpServer {
  readonly port: number;
  /** Feeds `bantin_command_duration_seconds`; pass it to the chat core. */
  readonly observeCommandLatency: ObserveCommandLatency;
  close(): Promise<void>;
}

export const DEFAULT_MAX_INGEST_AGE_SECONDS = 3600;

/**
 * Serve `/healthz` (200 or 503 with a JSON report: database, last ingest age, adapters) and
 * `/metrics` (Prometheus text) for operators and container health checks.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const now = options.now ?? Date.now;
  const logger = (options.logger ?? silentLogger).child({ job: "http" });
  const repo = options.store;
  const metrics = createBantinMetrics(repo, now);
  const startedAt = now();
  const health = async () =>
    evaluateHealth({
      now: now(),
      startedAt,
      maxIngestAgeSeconds: options.health?.maxIngestAgeSeconds ?? DEFAULT_MAX_INGEST_AGE_SECONDS,
      database: await readDatabase(repo),
      adapters: options.health?.adapters?.() ?? {},
    });

  const server = createServer((req, res) => {
    route(req, res, { health, metrics }).catch((error: unknown) => {
      logger.error({ err: error, path: req.url }, "http request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("internal error\n");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, "serving /healthz and /metrics");
  return {
    port,
    observeCommandLatency: metrics.observeCommandLatency,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

interface Routes {
  readonly health: () => Promise<ReturnType<typeof evaluateHealth>>;
  readonly metrics: ReturnType<typeof createBantinMetrics>;
}

async function route(req: IncomingMessage, res: ServerResponse, routes: Routes): Promise<void> {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  if (path === "/healthz") {
    const report = await routes.health();
    const body = `${JSON.stringify(report)}\n`;
    res.writeHead(report.status === "ok" ? 200 : 503, {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : body);
    return;
  }
  if (path === "/metrics") {
    await routes.metrics.refreshFromStore();
    const body = await routes.metrics.registry.metrics();
    res.writeHead(200, { "content-type": routes.metrics.registry.contentType });
    res.end(req.method === "HEAD" ? undefined : body);
    return;
  }
  res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found: try /healthz or /metrics\n");
}

async function readDatabase(repo: EitherStore<HealthRepo>): Promise<HealthInput["database"]> {
  try {
    await repo.ping();
    return { ok: true, lastIngestSuccessAt: await repo.lastIngestSuccessAt() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
