/** A store's methods as every store offers them: each returns a Promise (PostgreSQL's must). */
export type Port<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** A synchronous store (SQLite's) behind the async port: the same calls, each already settled. */
export function portOf<T extends object>(store: T): Port<T> {
  const port: Record<string, unknown> = {};
  for (const key of Object.keys(store)) {
    const method = (store as Record<string, unknown>)[key];
    if (typeof method === "function") port[key] = async (...args: unknown[]) => method(...args);
  }
  return port as Port<T>;
}

/**
 * A store as code that runs on either store takes it: each method answered at once (SQLite's
 * own) or with a Promise (a Port); the caller awaits every answer.
 */
export type EitherStore<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => infer R
    ? (...args: A) => Awaited<R> | Promise<Awaited<R>>
    : never;
};

export type { Awaitable } from "../domain/index.js";
