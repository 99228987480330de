import pg from "pg";

/**
 * Read an int8 (bigint) as a JS number. `pg` returns int8 as a string by default, because
 * a 64-bit integer need not fit a double; ours do: epoch milliseconds (~1.7e12), identity ids
 * and `count(*)` are far below 2^53. As numbers, rows read the same as better-sqlite3's, so
 * the repositories map them the same way on both stores. A value past 2^53 is refused rather
 * than silently rounded (the query rejects with this error).
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`int8 value ${text} is beyond 2^53 and cannot be read as a JS number without rounding`);
  }
  return value;
}

/**
 * Make every `pg` client of this process read int8 as a number (see `parseInt8`). `pg`'s type
 * parsers are global; call this before the first query. Idempotent.
 */
export function useNumbersForInt8(): void {
  pg.types.setTypeParser(pg.types.builtins.INT8, parseInt8);
}
