import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundledMigrations, type Migration } from "../migrations.js";

/**
 * The PostgreSQL migrations shipped with this build, in order:
 * `src/store/migrations-postgres/NNN-name.sql`, one per SQLite migration, with its number
 * and name (test/store/dialects.test.ts holds the two sets to the same schema).
 */
export function bundledPostgresMigrations(
  dir = join(dirname(fileURLToPath(import.meta.url)), "..", "migrations-postgres"),
): Migration[] {
  return bundledMigrations(dir);
}
