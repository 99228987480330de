import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Logger, Source } from "../domain/index.js";
import type { FeedReadJob, FeedReadReply } from "./feed-read-job.js";
import { type FeedItemsOutcome, readFeedItemsInTurn } from "./read-feed-items.js";

/** Reads a fetched feed body into storable items (see readFeedItems), wherever it runs. */
export interface FeedReader {
  read(
    body: Uint8Array,
    contentType: string | undefined,
    source: Pick<Source, "id" | "lang" | "tz">,
    feedUrl: string,
    fetchedAt: number,
  ): Promise<FeedItemsOutcome>;
  /** Resolves once a worker has started (true), or the reader has settled on its own thread (false). */
  started(): Promise<boolean>;
  /** Stop the workers; reads still waiting end as errors. */
  close(): Promise<void>;
}

/** Reads on the calling thread: for one core, and the fallback when a worker cannot start. */
export const inThreadFeedReader: FeedReader = {
  read: readFeedItemsInTurn(),
  started: async () => false,
  close: async () => {},
};

export interface FeedReaderPoolOptions {
  /** Worker threads; 0 reads on the calling thread. Default: one fewer than the cores, at most 2. */
  readonly workers?: number;
  /** A read taking longer than this is that feed's error, and its worker is replaced. Default 30 s. */
  readonly timeoutMs?: number;
  /** The worker's entry module; default parse-worker beside this file (tests pass a misbehaving one). */
  readonly workerEntry?: URL;
  readonly logger: Logger;
}

/**
 * The default worker count: none on one core, else as many as the cores, at most 2. Reading
 * a feed costs about twice what storing it does, so on 2 cores two readers beside the writer
 * keep both cores busy where one leaves the writer's core idle half the time (bench/ingest).
 */
export function defaultParseWorkers(): number {
  const cores = availableParallelism();
  return cores <= 1 ? 0 : Math.min(2, cores);
}

interface Job {
  readonly id: number;
  readonly message: Omit<FeedReadJob, "body">;
  /** Kept (the worker gets a copy) in case the worker dies and the job moves to another. */
  readonly body: Uint8Array;
  readonly resolve: (outcome: FeedItemsOutcome) => void;
}

interface Slot {
  readonly worker: Worker;
  /** Jobs posted and not answered, oldest first: a worker answers in order. */
  readonly inFlight: Job[];
  ready: boolean;
  timer: NodeJS.Timeout | undefined;
  lastError: Error | undefined;
}

/** A pool's workers, its waiting jobs and its lifecycle. */
interface Pool {
  readonly size: number;
  readonly timeoutMs: number;
  readonly logger: Logger;
  readonly entry: URL;
  readonly slots: Slot[];
  /** Jobs no worker holds yet, oldest first. */
  readonly queue: Job[];
  nextId: number;
  /** A worker could not start: every read is in-thread from now on. */
  broken: boolean;
  closed: boolean;
  /** Settles `started`: a worker is up (true), or there will be none (false). */
  readonly settle: (started: boolean) => void;
  readonly started: Promise<boolean>;
}

/**
 * Feeds decoded, parsed and normalised on worker threads while the main thread writes to
 * SQLite (better-sqlite3 is synchronous and stays on one thread). Workers start with the
 * first read; feeds that arrive before one is up are read on the calling thread. A worker crash or a read
 * that hangs ends as that feed's error and the worker is replaced; a worker that cannot start
 * at all (say, a runtime that cannot load it) turns the pool into in-thread reading, logged once.
 */
export function createFeedReaderPool(options: FeedReaderPoolOptions): FeedReader {
  const size = options.workers ?? defaultParseWorkers();
  if (size <= 0) return inThreadFeedReader;
  let settle: (started: boolean) => void = () => {};
  const started = new Promise<boolean>((resolve) => {
    settle = resolve;
  });
  const pool: Pool = {
    size,
    timeoutMs: options.timeoutMs ?? 30_000,
    logger: options.logger,
    entry: options.workerEntry ?? defaultEntry(),
    slots: [],
    queue: [],
    nextId: 1,
    broken: false,
    closed: false,
    settle,
    started,
  };
  return {
    read: (body, contentType, source, feedUrl, fetchedAt) =>
      new Promise<FeedItemsOutcome>((resolve) => {
        if (pool.closed) {
          resolve({ status: "error", message: "internal error: the feed reader is closed" });
          return;
        }
        const id = pool.nextId++;
        const message = {
          id,
          contentType,
          source: { id: source.id, lang: source.lang, tz: source.tz },
          feedUrl,
          fetchedAt,
        };
        pool.queue.push({ id, message, body, resolve });
        fill(pool);
        dispatch(pool);
      }),
    started: () => {
      fill(pool);
      return pool.started;
    },
    close: () => closePool(pool),
  };
}

function inThread(job: Job): void {
  const { contentType, source, feedUrl, fetchedAt } = job.message;
  inThreadFeedReader
    .read(job.body, contentType, source, feedUrl, fetchedAt)
    .then(job.resolve, (error: unknown) => job.resolve(internalError(error)));
}

function giveUpOnWorkers(pool: Pool, error: Error | undefined): void {
  if (pool.broken) return;
  pool.broken = true;
  pool.settle(false);
  pool.logger.warn({ err: error }, "feed parse workers cannot start; parsing feeds on the main thread");
  for (const slot of pool.slots.splice(0)) {
    clearTimeout(slot.timer);
    void slot.worker.terminate();
    pool.queue.unshift(...slot.inFlight);
  }
  for (const job of pool.queue.splice(0)) inThread(job);
}

// The oldest job's clock runs from when it became the oldest: the ones behind it wait their turn.
function armTimer(pool: Pool, slot: Slot): void {
  clearTimeout(slot.timer);
  slot.timer = undefined;
  if (slot.inFlight.length === 0) {
    slot.worker.unref();
    return;
  }
  slot.worker.ref();
  slot.timer = setTimeout(() => {
    const hung = slot.inFlight.shift();
    hung?.resolve({ status: "error", message: `parsing took longer than ${pool.timeoutMs / 1000} s` });
    replace(pool, slot);
  }, pool.timeoutMs);
}

/** Retire a worker: its unanswered jobs (but the one already answered for) go to a new one. */
function replace(pool: Pool, slot: Slot): void {
  clearTimeout(slot.timer);
  const at = pool.slots.indexOf(slot);
  if (at < 0) return;
  pool.slots.splice(at, 1);
  void slot.worker.terminate();
  pool.queue.unshift(...slot.inFlight.splice(0));
  fill(pool);
  dispatch(pool);
}

function spawn(pool: Pool): void {
  let worker: Worker;
  try {
    worker = startWorker(pool.entry);
  } catch (error) {
    giveUpOnWorkers(pool, error as Error);
    return;
  }
  const slot: Slot = { worker, inFlight: [], ready: false, timer: undefined, lastError: undefined };
  pool.slots.push(slot);
  worker.on("message", (message: FeedReadReply | { ready: true }) => onMessage(pool, slot, message));
  worker.on("error", (error) => {
    slot.lastError = error;
  });
  worker.on("exit", (code) => onExit(pool, slot, code));
}

/** A worker's first message says it is up; the others answer its oldest job. */
function onMessage(pool: Pool, slot: Slot, message: FeedReadReply | { ready: true }): void {
  if ("ready" in message) {
    slot.ready = true;
    pool.settle(true);
    dispatch(pool);
    // Held open while starting (someone may wait for it); idle, a worker of a pool kept
    // across passes must not hold the process open.
    if (slot.inFlight.length === 0) slot.worker.unref();
    return;
  }
  const head = slot.inFlight.shift();
  if (head === undefined || head.id !== message.id) return;
  armTimer(pool, slot);
  head.resolve(message.outcome);
}

/** A worker that exits before it is up means workers cannot start; after, it crashed on its oldest job. */
function onExit(pool: Pool, slot: Slot, code: number): void {
  if (pool.closed || !pool.slots.includes(slot)) return;
  if (!slot.ready) {
    giveUpOnWorkers(pool, slot.lastError ?? new Error(`exit code ${code}`));
    return;
  }
  // The oldest unanswered job is the one the worker was on: it is that feed's error.
  const culprit = slot.inFlight.shift();
  const why = slot.lastError?.message ?? `exit code ${code}`;
  pool.logger.error({ err: slot.lastError, code }, "a feed parse worker crashed; replacing it");
  culprit?.resolve({ status: "error", message: `internal error: the feed parser crashed (${why})` });
  replace(pool, slot);
}

function fill(pool: Pool): void {
  while (!pool.broken && !pool.closed && pool.slots.length < pool.size) spawn(pool);
}

function dispatch(pool: Pool): void {
  const { queue } = pool;
  const ready = pool.slots.filter((slot) => slot.ready);
  // Until a worker is up (a pass of a few feeds may be over by then), feeds are read here.
  if (pool.broken || ready.length === 0) {
    for (const job of queue.splice(0)) inThread(job);
    return;
  }
  while (queue.length > 0) {
    const slot = ready.reduce((a, b) => (b.inFlight.length < a.inFlight.length ? b : a));
    const job = queue.shift() as Job;
    slot.inFlight.push(job);
    slot.worker.postMessage({ ...job.message, body: job.body } satisfies FeedReadJob);
    if (slot.inFlight.length === 1) armTimer(pool, slot);
  }
}

/** Stop every worker; the jobs they hold and the ones still queued end as errors. */
async function closePool(pool: Pool): Promise<void> {
  pool.closed = true;
  pool.settle(false);
  const all = pool.slots.splice(0);
  for (const slot of all) {
    clearTimeout(slot.timer);
    for (const job of slot.inFlight)
      job.resolve({ status: "error", message: "internal error: the feed reader closed" });
  }
  for (const job of pool.queue.splice(0))
    job.resolve({ status: "error", message: "internal error: the feed reader closed" });
  await Promise.all(all.map((slot) => slot.worker.terminate()));
}

function internalError(error: unknown): FeedItemsOutcome {
  return { status: "error", message: `internal error: ${(error as Error)?.message ?? String(error)}` };
}

/** parse-worker beside this module: `.js` compiled (dist), `.ts` under tsx or vitest. */
function defaultEntry(): URL {
  return new URL(import.meta.url.endsWith(".ts") ? "./parse-worker.ts" : "./parse-worker.js", import.meta.url);
}

/**
 * A `.js` entry starts as is. Node does not apply the parent's loader hooks (tsx's) to a
 * worker's entry, so a `.ts` entry gets a worker that registers tsx's loader itself first.
 */
function startWorker(entry: URL): Worker {
  if (!/\.m?ts$/.test(entry.pathname)) return new Worker(entry);
  const tsx = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(code, { eval: true });
}
