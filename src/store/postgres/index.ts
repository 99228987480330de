export { AdvisoryLockKey, BANTIN_LOCK_CLASS, BANTIN_PRESENCE_CLASS, presenceKeySql } from "./advisory-locks.js";
export { parseInt8, useNumbersForInt8 } from "./int8.js";
export { migratePostgres, type PostgresMigrateOptions, postgresSchemaVersion } from "./migrate.js";
export { bundledPostgresMigrations } from "./migrations.js";
