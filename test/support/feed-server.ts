import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

/** What the fake site answers: a status, headers and a body, or nothing at all ("hang"). */
export type ScriptedResponse =
  | {
      readonly status?: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: string | Uint8Array;
      /** Answer after this many milliseconds (to observe concurrency). */
      readonly delayMs?: number;
    }
  | "hang";

export type Route = ScriptedResponse | ((request: RecordedRequest) => ScriptedResponse);

export interface RecordedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

export interface FeedServer {
  /** Absolute URL of `path` on this server. */
  url(path: string): string;
  /** Set or replace what `path` answers. Unknown paths answer 404. */
  route(path: string, response: Route): void;
  readonly requests: readonly RecordedRequest[];
  /** The most requests this server was answering at the same time. */
  maxConcurrent(): number;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 with a random port, answering from a script: feeds in
 * tests are fetched over loopback by the same client as in production, never mocked.
 * Servers are closed after each test.
 */
export function useFeedServer(): () => Promise<FeedServer> {
  const open: FeedServer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return async () => {
    const server = await startFeedServer();
    open.push(server);
    return server;
  };
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let most = 0;
  const server: Server = createServer((req, res) => {
    const recorded = { path: req.url ?? "/", headers: req.headers };
    requests.push(recorded);
    const route = routes.get(recorded.path);
    const response = typeof route === "function" ? route(recorded) : (route ?? { status: 404, body: "not found" });
    if (response === "hang") return;
    inFlight++;
    most = Math.max(most, inFlight);
    setTimeout(() => {
      inFlight--;
      res.writeHead(response.status ?? 200, { ...response.headers });
      res.end(response.body ?? "");
    }, response.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, response) => {
      routes.set(path, response);
    },
    requests,
    maxConcurrent: () => most,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
