import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Source } from "../domain/index.js";
import { readSampleFile } from "./sample-file.js";
import { startOfHour } from "./sample-placeholders.js";
import { loadSampleSources } from "./sample-sources.js";

export interface SampleServerOptions {
  /** The sample folder, holding `sources.yaml` and the files it points at (normally `data/samples`). */
  readonly dir: string;
  /** The clock the feeds' relative dates count back from; epoch milliseconds. */
  readonly now?: () => number;
}

export interface SampleServer {
  /** Origin of the server, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** The sample sources with absolute URLs on this server, ready for an ingest pass. */
  readonly sources: readonly Source[];
  close(): Promise<void>;
}

/**
 * Serve the bundled sample feeds and article pages on 127.0.0.1 (a free port), so a first run
 * without network or tokens goes through the real ingest path over real HTTP: Content-Type
 * with the file's charset, ETag and Last-Modified for conditional GET, and publication dates
 * filled in relative to `now` so the newest items are always recent.
 */
export async function startSampleServer(options: SampleServerOptions): Promise<SampleServer> {
  const now = options.now ?? Date.now;
  const server = createServer((req, res) => {
    serve(options.dir, now, origin, req, res).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let sources: Source[];
  try {
    sources = loadSampleSources(join(options.dir, "sources.yaml"), origin);
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    url: origin,
    sources,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(dir: string, now: () => number, origin: string, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  const servedAt = startOfHour(now());
  const path = new URL(req.url ?? "/", origin).pathname;
  const file = await readSampleFile(dir, path, { now: servedAt, base: origin });
  if (file.status === "not-found") {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
    return;
  }
  const lastModified = new Date(servedAt).toUTCString();
  const headers = { etag: file.etag, "last-modified": lastModified, "cache-control": "no-cache" };
  if (isNotModified(req, file.etag, servedAt)) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, "content-type": file.contentType, "content-length": file.body.length });
  res.end(req.method === "HEAD" ? undefined : file.body);
}

/** RFC 9110: If-None-Match wins; If-Modified-Since counts only without it. */
function isNotModified(req: IncomingMessage, etag: string, modifiedAt: number): boolean {
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag || tag.trim() === "*");
  }
  const since = Date.parse(req.headers["if-modified-since"] ?? "");
  return Number.isFinite(since) && modifiedAt <= since;
}
