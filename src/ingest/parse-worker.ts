/**
 * Worker-thread entry of the feed reader pool: reads fetched feed bodies into storable items
 * (decode, parse, normalise, hash, dedupe within the feed) off the main thread, which keeps
 * the SQLite writes. One job at a time, answered in order.
 */
import { type MessagePort, parentPort } from "node:worker_threads";
import type { FeedReadJob, FeedReadReply } from "./feed-read-job.js";
import { readFeedItemsInTurn } from "./read-feed-items.js";

if (parentPort === null) throw new Error("parse-worker.js runs only as a worker thread");
const port: MessagePort = parentPort;

// One job at a time, answered in order (see readFeedItemsInTurn for why).
const read = readFeedItemsInTurn();
port.on("message", (job: FeedReadJob) => {
  void answer(job);
});

async function answer(job: FeedReadJob): Promise<void> {
  let reply: FeedReadReply;
  try {
    const outcome = await read(job.body, job.contentType, job.source, job.feedUrl, job.fetchedAt);
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
