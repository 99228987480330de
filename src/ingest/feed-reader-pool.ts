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
  const timeoutMs = options.timeoutMs ?? 30_000;
  const logger = options.logger;
  const entry = options.workerEntry ?? defaultEntry();
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let broken = false;
  let closed = false;
  let settle: (started: boolean) => void = () => {};
  const started = new Promise<boolean>((resolve) => {
    settle = resolve;
  });

  const inThread = (job: Job): void => {
    const { contentType, source, feedUrl, fetchedAt } = job.message;
    inThreadFeedReader
      .read(job.body, contentType, source, feedUrl, fetchedAt)
      .then(job.resolve, (error: unknown) => job.resolve(internalError(error)));
  };

  const giveUpOnWorkers = (error: Error | undefined): void => {
    if (broken) return;
    broken = true;
    settle(false);
    logger.warn({ err: error }, "feed parse workers cannot start; parsing feeds on the main thread");
    for (const slot of slots.splice(0)) {
      clearTimeout(slot.timer);
      void slot.worker.terminate();
      queue.unshift(...slot.inFlight);
    }
    for (const job of queue.splice(0)) inThread(job);
  };

  // The oldest job's clock runs from when it became the oldest: the ones behind it wait their turn.
  const armTimer = (slot: Slot): void => {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    if (slot.inFlight.length === 0) {
      slot.worker.unref();
      return;
    }
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      const hung = slot.inFlight.shift();
      hung?.resolve({ status: "error", message: `parsing took longer than ${timeoutMs / 1000} s` });
      replace(slot);
    }, timeoutMs);
  };

  /** Retire a worker: its unanswered jobs (but the one already answered for) go to a new one. */
  const replace = (slot: Slot): void => {
    clearTimeout(slot.timer);
    const at = slots.indexOf(slot);
    if (at < 0) return;
    slots.splice(at, 1);
    void slot.worker.terminate();
    queue.unshift(...slot.inFlight.splice(0));
    fill();
    dispatch();
  };

  const spawn = (): void => {
    let worker: Worker;
    try {
      worker = startWorker(entry);
    } catch (error) {
      giveUpOnWorkers(error as Error);
      return;
    }
    const slot: Slot = { worker, inFlight: [], ready: false, timer: undefined, lastError: undefined };
    slots.push(slot);
    worker.on("message", (message: FeedReadReply | { ready: true }) => {
      if ("ready" in message) {
        slot.ready = true;
        settle(true);
        dispatch();
        // Held open while starting (someone may wait for it); idle, a worker of a pool kept
        // across passes must not hold the process open.
        if (slot.inFlight.length === 0) slot.worker.unref();
        return;
      }
      const head = slot.inFlight.shift();
      if (head === undefined || head.id !== message.id) return;
      armTimer(slot);
      head.resolve(message.outcome);
    });
    worker.on("error", (error) => {
      slot.lastError = error;
    });
    worker.on("exit", (code) => {
      if (closed || !slots.includes(slot)) return;
      if (!slot.ready) {
        giveUpOnWorkers(slot.lastError ?? new Error(`exit code ${code}`));
        return;
      }
      // The oldest unanswered job is the one the worker was on: it is that feed's error.
      const culprit = slot.inFlight.shift();
      const why = slot.lastError?.message ?? `exit code ${code}`;
      logger.error({ err: slot.lastError, code }, "a feed parse worker crashed; replacing it");
      culprit?.resolve({ status: "error", message: `internal error: the feed parser crashed (${why})` });
      replace(slot);
    });
  };

  const fill = (): void => {
    while (!broken && !closed && slots.length < size) spawn();
  };

  const dispatch = (): void => {
    const ready = slots.filter((slot) => slot.ready);
    // Until a worker is up (a pass of a few feeds may be over by then), feeds are read here.
    if (broken || ready.length === 0) {
      for (const job of queue.splice(0)) inThread(job);
      return;
    }
    while (queue.length > 0) {
      const slot = ready.reduce((a, b) => (b.inFlight.length < a.inFlight.length ? b : a));
      const job = queue.shift() as Job;
      slot.inFlight.push(job);
      slot.worker.postMessage({ ...job.message, body: job.body } satisfies FeedReadJob);
      if (slot.inFlight.length === 1) armTimer(slot);
    }
  };

  return {
    read: (body, contentType, source, feedUrl, fetchedAt) =>
      new Promise<FeedItemsOutcome>((resolve) => {
        if (closed) {
          resolve({ status: "error", message: "internal error: the feed reader is closed" });
          return;
        }
        const id = nextId++;
        const message = {
          id,
          contentType,
          source: { id: source.id, lang: source.lang, tz: source.tz },
          feedUrl,
          fetchedAt,
        };
        queue.push({ id, message, body, resolve });
        fill();
        dispatch();
      }),
    started: () => {
      fill();
      return started;
    },
    close: async () => {
      closed = true;
      settle(false);
      const all = slots.splice(0);
      for (const slot of all) {
        clearTimeout(slot.timer);
        for (const job of slot.inFlight)
          job.resolve({ status: "error", message: "internal error: the feed reader closed" });
      }
      for (const job of queue.splice(0))
        job.resolve({ status: "error", message: "internal error: the feed reader closed" });
      await Promise.all(all.map((slot) => slot.worker.terminate()));
    },
  };
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
