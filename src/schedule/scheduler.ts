import { schedule as cronSchedule, type ScheduledTask } from "node-cron";
import type { OutboxRelay } from "../delivery/outbox-relay.js";
import type { FilterMatcher } from "../digest/index.js";
import type { Logger, Subscription } from "../domain/index.js";
import type { AlertEventSource } from "../store/alert-events-repo.js";
import type { OutboxStore } from "../store/outbox-repo.js";
import type { Awaitable, EitherStore } from "../store/port.js";
import type { SchedulerCursor } from "../store/scheduler-cursor-repo.js";
import { type BuildAlert, runAlertPass } from "./alert-pass.js";
import type { AlertSettings } from "./alert-threshold.js";
import { type ActiveSubscriptions, type BuildBriefing, runBriefingTick } from "./briefing-tick.js";

export interface SchedulerDeps {
  /** SQLite's outbox, or PostgreSQL's (`OutboxPort`): every call is awaited. */
  readonly outbox: EitherStore<OutboxStore>;
  /** Where the briefing tick remembers how far it got. */
  readonly cursor: EitherStore<SchedulerCursor>;
  readonly subscriptions: ActiveSubscriptions;
  readonly alertEvents: EitherStore<AlertEventSource>;
  /** Each chat's watches and mutes, for the alert pass. */
  readonly filtersFor?: ((subscription: Subscription) => Awaitable<FilterMatcher>) | undefined;
  /** One ingest pass over every source (e.g. `runIngestPass` bound to its dependencies). */
  readonly ingest: () => Promise<unknown>;
  /** Analyse what ingest stored (e.g. `analyzePending` bound to its dependencies). */
  readonly analyze: () => Promise<unknown> | unknown;
  readonly buildBriefing: BuildBriefing;
  readonly buildAlert: BuildAlert;
  /** After each analysis: today's sent briefings whose entries grew are edited in place (edit-pass.ts); how many parts were queued. */
  readonly editSent?: (now: number) => Awaitable<number>;
  readonly relay: OutboxRelay;
  readonly settings: {
    readonly ingest: { readonly intervalMinutes: number };
    readonly schedule: { readonly graceHours: number };
    readonly alerts: AlertSettings;
  };
  readonly logger: Logger;
  readonly now?: () => number;
  /** Run an ingest pass right away instead of waiting for the first interval (default true). */
  readonly ingestOnStart?: boolean;
}

export interface RunningScheduler {
  /** Run the ingest job now (skipped, and logged, when one is still running). */
  runIngest(): Promise<void>;
  /** Run the briefing tick now (skipped when one is still running). */
  runBriefingTick(): Promise<void>;
  /**
   * Stop the jobs, wait for running ones, and stop the relay (sends on the wire finish, the rest
   * return to pending). The caller closes the database afterwards.
   */
  stop(): Promise<void>;
}

/**
 * The ingest clock for "every N minutes". Cron can say it only when N divides the hour (or N hours
 * divide the day): `*\/45` fires at :00 and :45, not every 45 minutes. Other intervals tick every
 * minute and run on the minutes that are a multiple of N since the epoch, so gaps are exactly N.
 */
export interface IngestCadence {
  readonly cron: string;
  /** Whether a tick at this moment should run the ingest. */
  isDue(epochMs: number): boolean;
}

export function ingestCadence(minutes: number): IngestCadence {
  const every = Math.max(1, Math.round(minutes));
  const exact = 60 % every === 0 || (every % 60 === 0 && (24 * 60) % every === 0);
  if (exact) return { cron: everyMinutesCron(every), isDue: () => true };
  return { cron: "* * * * *", isDue: (epochMs) => Math.floor(epochMs / 60_000) % every === 0 };
}

/** A cron expression for "every N minutes" where cron can say it; else every minute (see ingestCadence). */
export function everyMinutesCron(minutes: number): string {
  if (minutes <= 1) return "* * * * *";
  if (60 % minutes === 0) return `*/${minutes} * * * *`;
  const hours = minutes / 60;
  if (Number.isInteger(hours) && 24 % hours === 0) return `0 */${hours} * * *`;
  return "* * * * *";
}

/**
 * Start the bot's clock: ingest + analyze + alerts every `ingest.intervalMinutes`, a briefing
 * tick every minute, and the outbox relay in the background. Rows a crash left in `sending`
 * are returned to pending first, and the first briefing tick catches up on the downtime.
 */
export function startScheduler(deps: SchedulerDeps): RunningScheduler {
  const now = deps.now ?? Date.now;
  const logger = deps.logger.child({ module: "scheduler" });
  const running = new Map<string, Promise<void>>();

  /** Overlap prevention: a job that finds its previous run still going is skipped and logged. */
  const guarded = (job: string, fn: () => Promise<void>) => (): Promise<void> => {
    const current = running.get(job);
    if (current !== undefined) {
      logger.warn({ job }, "tick skipped: the previous run is still going");
      return current;
    }
    const started = now();
    const run = fn()
      .catch((error: unknown) => logger.error({ job, err: error }, "job failed"))
      .finally(() => {
        running.delete(job);
        logger.debug({ job, ms: now() - started }, "job done");
      });
    running.set(job, run);
    return run;
  };

  const alerts = () =>
    runAlertPass(
      {
        outbox: deps.outbox,
        events: deps.alertEvents,
        subscriptions: deps.subscriptions,
        build: deps.buildAlert,
        filtersFor: deps.filtersFor,
        settings: deps.settings.alerts,
        maxAgeHours: deps.settings.schedule.graceHours,
        logger,
      },
      now(),
    );

  const runIngest = guarded("ingest", async () => {
    await deps.ingest();
    await deps.analyze();
    const queued = (await alerts()) + ((await deps.editSent?.(now())) ?? 0);
    if (queued > 0) deps.relay.wake();
  });

  const runTick = guarded("briefing", async () => {
    const result = await runBriefingTick(
      {
        outbox: deps.outbox,
        cursor: deps.cursor,
        subscriptions: deps.subscriptions,
        build: deps.buildBriefing,
        graceHours: deps.settings.schedule.graceHours,
        logger,
      },
      now(),
    );
    if (result.enqueued > 0) {
      logger.info({ ...result }, "briefings queued");
      deps.relay.wake();
    }
  });

  // The relay starts once the rows a crash left in `sending` are pending again (on PostgreSQL a
  // lease running out does that, and there is nothing to do here).
  const relayStarted = Promise.resolve()
    .then(() => deps.outbox.recoverInterrupted(now()))
    .then((recovered) => {
      if (recovered > 0)
        logger.warn({ rows: recovered }, "sends interrupted by the last stop returned to pending (at-least-once)");
    })
    .catch((error: unknown) => logger.error({ err: error }, "interrupted sends could not be returned to pending"))
    .finally(() => deps.relay.start());

  const cadence = ingestCadence(deps.settings.ingest.intervalMinutes);
  const tasks: ScheduledTask[] = [
    cronSchedule(cadence.cron, () => (cadence.isDue(now()) ? runIngest() : undefined), { name: "ingest" }),
    cronSchedule("* * * * *", runTick, { name: "briefing" }),
  ];
  void runTick();
  if (deps.ingestOnStart ?? true) void runIngest();

  return {
    runIngest,
    runBriefingTick: runTick,
    async stop() {
      await relayStarted;
      for (const task of tasks) await task.destroy();
      await Promise.all(running.values());
      await deps.relay.stop();
    },
  };
}
