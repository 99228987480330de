import pg from "pg";

/**
 * A database session that holds advisory locks and is polled every `pollMs`. A silent network
 * loss must free its locks within a poll or two on both sides: this side gives up when a query
 * times out; the server ends a session that went quiet (it is queried every poll) or whose peer
 * stopped answering keepalives, which frees the locks for another replica in seconds, not after
 * the kernel's two-hour TCP timeout. Not connected yet; `onError` is told when it fails idle.
 */
export function lockSession(url: string, pollMs: number, onError: () => void): pg.Client {
  const quietMs = Math.max(5_000, 5 * pollMs);
  const client = new pg.Client({
    connectionString: url,
    keepAlive: true,
    connectionTimeoutMillis: Math.max(1_000, 2 * pollMs),
    query_timeout: Math.max(1_000, 2 * pollMs),
    options: `-c idle_session_timeout=${quietMs} -c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=2`,
  });
  client.on("error", onError);
  return client;
}
