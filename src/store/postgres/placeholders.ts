/**
 * A statement written with SQLite's `?` placeholders in PostgreSQL's numbered ones ($1, $2…), so
 * one text serves both stores. Only for statements without a `?` inside a string literal.
 */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A statement in PostgreSQL's numbered placeholders, and how to bind it from named values. */
export interface NamedStatement {
  readonly text: string;
  /** The values in placeholder order; throws for a name `params` lacks (pg would bind it NULL). */
  values(params: object): unknown[];
}

/**
 * A statement written with better-sqlite3's named placeholders (`@since`) in PostgreSQL's
 * numbered ones: each name gets one number however often it appears, so SQLite's text (and its
 * binding from an object) serves both stores. Only for statements without an `@` in a literal.
 */
export function numberedByName(sql: string): NamedStatement {
  const names: string[] = [];
  const text = sql.replace(/@(\w+)/g, (_, name: string) => {
    const known = names.indexOf(name);
    return `$${known >= 0 ? known + 1 : names.push(name)}`;
  });
  return {
    text,
    values(params) {
      const named = params as Readonly<Record<string, unknown>>;
      return names.map((name) => {
        if (!(name in named)) throw new Error(`no value for @${name} in: ${sql}`);
        return named[name];
      });
    },
  };
}
