import { collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { HealthRepo } from "../store/health-repo.js";
import type { EitherStore } from "../store/port.js";

/** Record how long one chat command took; the app hands this to the chat core. */
export type ObserveCommandLatency = (command: string, ms: number) => void;

export interface BantinMetrics {
  readonly registry: Registry;
  readonly observeCommandLatency: ObserveCommandLatency;
  /** Re-read the store's figures into the gauges; call right before each scrape. */
  refreshFromStore(): Promise<void>;
}

/**
 * The Prometheus series of one Bantin process, in a registry of their own (never prom-client's
 * global one, so several servers can live in one test process). Store figures are read at
 * scrape time rather than counted in memory, so they survive restarts and agree with the DB.
 */
export function createBantinMetrics(repo: EitherStore<HealthRepo>, now: () => number = Date.now): BantinMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [registry] });

  const storeUp = gauge("bantin_store_up", "1 when the SQLite store answered the last scrape, else 0");
  const items = gauge("bantin_items_ingested", "Items stored, by source (falls only when old items are pruned)", [
    "source",
  ]);
  const failures = gauge("bantin_source_consecutive_failures", "Failed fetches in a row, by source", ["source"]);
  const sourceUp = gauge("bantin_source_up", "1 when the source's last fetch succeeded (ok or not-modified)", [
    "source",
    "status",
  ]);
  const lastSuccess = gauge(
    "bantin_source_last_success_timestamp_seconds",
    "When the source was last fetched successfully (Unix seconds)",
    ["source"],
  );
  const ingestAge = gauge("bantin_last_ingest_age_seconds", "Seconds since the newest successful fetch of any source");
  const events = gauge("bantin_events", "Events (clusters of items about one happening) stored");
  const deliveries = gauge("bantin_deliveries", "Outbox rows by platform and state (pending, sending, sent, failed)", [
    "platform",
    "state",
  ]);
  const outboxDepth = gauge("bantin_outbox_depth", "Message parts waiting in the outbox (pending or sending)");
  const commandLatency = new Histogram({
    name: "bantin_command_duration_seconds",
    help: "Time from a chat command's arrival to its reply, by command",
    labelNames: ["command"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const storeGauges = [items, failures, sourceUp, lastSuccess, ingestAge, events, deliveries, outboxDepth];

  return {
    registry,
    observeCommandLatency: (command, ms) => commandLatency.observe({ command }, ms / 1000),
    refreshFromStore: async () => {
      for (const g of storeGauges) g.reset();
      try {
        const stats = await repo.statistics();
        for (const row of stats.itemsBySource) items.set({ source: row.sourceId }, row.items);
        for (const s of stats.sources) {
          failures.set({ source: s.sourceId }, s.consecutiveFailures);
          const status = s.lastStatus ?? "never";
          sourceUp.set({ source: s.sourceId, status }, status === "ok" || status === "not-modified" ? 1 : 0);
          if (s.lastSuccessAt !== null) lastSuccess.set({ source: s.sourceId }, Math.floor(s.lastSuccessAt / 1000));
        }
        const newest = Math.max(...stats.sources.map((s) => s.lastSuccessAt ?? Number.NEGATIVE_INFINITY));
        if (Number.isFinite(newest)) ingestAge.set(Math.max(0, (now() - newest) / 1000));
        events.set(stats.events);
        let depth = 0;
        for (const d of stats.deliveries) {
          deliveries.set({ platform: d.platform, state: d.state }, d.count);
          if (d.state === "pending" || d.state === "sending") depth += d.count;
        }
        outboxDepth.set(depth);
        storeUp.set(1);
      } catch {
        // An unreachable store must not break the scrape: the process metrics still matter, and
        // bantin_store_up = 0 is the alert.
        storeUp.set(0);
      }
    },
  };
}
