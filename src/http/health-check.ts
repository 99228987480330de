/** What `/healthz` reports; `status` is "ok" only when every check passes. */
export interface HealthReport {
  readonly status: "ok" | "unhealthy";
  readonly checks: {
    readonly database: { readonly ok: boolean; readonly error?: string };
    readonly ingest: {
      readonly ok: boolean;
      /** Seconds since the newest successful fetch of any source; null when none succeeded yet. */
      readonly lastSuccessAgeSeconds: number | null;
      readonly maxAgeSeconds: number;
    };
    readonly adapters: { readonly ok: boolean; readonly connected: Readonly<Record<string, boolean>> };
  };
}

export interface HealthInput {
  readonly now: number;
  /** When this process started serving; a fresh start gets `maxIngestAgeSeconds` to finish its first pass. */
  readonly startedAt: number;
  readonly maxIngestAgeSeconds: number;
  readonly database:
    | { readonly ok: true; readonly lastIngestSuccessAt: number | null }
    | { readonly ok: false; readonly error: string };
  readonly adapters: Readonly<Record<string, boolean>>;
}

/** Decide health from what was observed: pure, so every rule is testable without a clock or a database. */
export function evaluateHealth(input: HealthInput): HealthReport {
  const maxAgeMs = input.maxIngestAgeSeconds * 1000;
  const lastSuccess = input.database.ok ? input.database.lastIngestSuccessAt : null;
  const ageSeconds = lastSuccess === null ? null : Math.max(0, Math.round((input.now - lastSuccess) / 1000));
  const ingestOk = input.database.ok
    ? lastSuccess === null
      ? input.now - input.startedAt <= maxAgeMs
      : input.now - lastSuccess <= maxAgeMs
    : false;
  const adaptersOk = Object.values(input.adapters).every(Boolean);
  const database = input.database.ok ? { ok: true } : { ok: false, error: input.database.error };
  const healthy = input.database.ok && ingestOk && adaptersOk;
  return {
    status: healthy ? "ok" : "unhealthy",
    checks: {
      database,
      ingest: { ok: ingestOk, lastSuccessAgeSeconds: ageSeconds, maxAgeSeconds: input.maxIngestAgeSeconds },
      adapters: { ok: adaptersOk, connected: { ...input.adapters } },
    },
  };
}
