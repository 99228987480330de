/**
 * The fake Bot API in its own thread, so the server's clock and event loop are not the
 * client's: under load, arrivals are stamped when they arrive, as on a real remote server.
 * Start with `startFakeBotApiInWorker(limits)`.
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { type FakeLimits, startFakeBotApi } from "./fake-bot-api.js";

export interface WorkerFakeBotApi {
  readonly apiRoot: string;
  readonly token: string;
  /** Accepted messages and 429 answers so far. */
  counts(): Promise<{ accepted: number; refusals: number }>;
  close(): Promise<void>;
}

export async function startFakeBotApiInWorker(limits: FakeLimits): Promise<WorkerFakeBotApi> {
  // The worker loads this TypeScript file through tsx, as the bench itself is loaded.
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { limits } });
  const ask = <T>(message: string): Promise<T> =>
    new Promise((resolve) => {
      worker.once("message", resolve);
      worker.postMessage(message);
    });
  const ready = await new Promise<{ apiRoot: string; token: string }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return {
    ...ready,
    counts: () => ask("counts"),
    async close() {
      await ask("close");
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort !== null) {
  const port = parentPort;
  const fake = await startFakeBotApi({ limits: (workerData as { limits: FakeLimits }).limits });
  port.on("message", async (message: string) => {
    if (message === "counts") port.postMessage({ accepted: fake.messages.length, refusals: fake.floodRefusals() });
    if (message === "close") {
      await fake.close();
      port.postMessage("closed");
    }
  });
  port.postMessage({ apiRoot: fake.apiRoot, token: fake.token });
}
