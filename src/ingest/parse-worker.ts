/**
 * Worker-thread entry of the feed reader pool: reads fetched feed bodies into storable items
 * (decode, parse, normalise, hash, dedupe within the feed) off the main thread, which keeps
 * the SQLite writes. One job at a time, answered in order.
 */
import { type MessagePort, parentPort } from "node:worker_threads";
import type { FeedReadJob, FeedReadReply } from "./feed-read-job.js";
import { readFeedItems } from "./read-feed-items.js";

if (parentPort === null) throw new Error("parse-worker.js runs only as a worker thread");
const port: MessagePort = parentPort;

/**
 * Jobs run one after the other, never interleaved: a read awaits inside, and starting every
 * queued job at once would keep all their parsed documents alive together, which costs far
 * more garbage collection than the reads themselves (bench/ingest: 2–3× slower at 64 feeds in flight).
 */
let previous: Promise<void> = Promise.resolve();
port.on("message", (job: FeedReadJob) => {
  previous = previous.then(() => answer(job));
});

async function answer(job: FeedReadJob): Promise<void> {
  let reply: FeedReadReply;
  try {
    const outcome = await readFeedItems(job.body, job.contentType, job.source, job.feedUrl, job.fetchedAt);
    reply = { id: job.id, outcome };
  } catch (error) {
    // A bug while reading one feed is that feed's error; the worker lives on for the next.
    reply = {
      id: job.id,
      outcome: { status: "error", message: `internal error: ${(error as Error)?.message ?? String(error)}` },
    };
  }
  port.postMessage(reply);
}
port.postMessage({ ready: true });
