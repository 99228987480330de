export { type BantinMetrics, createBantinMetrics, type ObserveCommandLatency } from "./bantin-metrics.js";
export { evaluateHealth, type HealthReport } from "./health-check.js";
export {
  DEFAULT_MAX_INGEST_AGE_SECONDS,
  type HealthOptions,
  type HttpServer,
  type HttpServerOptions,
  startHttpServer,
} from "./http-server.js";
