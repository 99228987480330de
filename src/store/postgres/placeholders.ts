/**
 * A statement written with SQLite's `?` placeholders in PostgreSQL's numbered ones ($1, $2…), so
 * one text serves both stores. Only for statements without a `?` inside a string literal.
 */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
