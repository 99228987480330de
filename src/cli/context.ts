import { type Env, loadEnv, loadSettings, type Settings } from "../config/index.js";
import type { Logger } from "../domain/index.js";
import { createLogger } from "./logger.js";

/** What every command may need, built on first use so `--help` works with a broken config. */
export interface CliContext {
  readonly env: () => Env;
  readonly settings: () => Settings;
  readonly logger: () => Logger;
  /** Standard output: JSON and text results go here, logs never do. */
  readonly out: (text: string) => void;
}

export function createCliContext(processEnv: NodeJS.ProcessEnv = process.env): CliContext {
  let env: Env | undefined;
  let settings: Settings | undefined;
  let logger: Logger | undefined;
  const getEnv = () => {
    env ??= loadEnv(processEnv);
    return env;
  };
  return {
    env: getEnv,
    settings: () => {
      settings ??= loadSettings(getEnv().BANTIN_CONFIG);
      return settings;
    },
    logger: () => {
      logger ??= createLogger(getEnv().LOG_LEVEL);
      return logger;
    },
    out: (text) => {
      process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
    },
  };
}

/**
 * The SQLite file a SQLite-only command (`db backup`) runs on: `--db` when given, else BANTIN_DB.
 * With BANTIN_DATABASE_URL set and no `--db`, the command is refused: quietly using a local file
 * instead of the shared database would act on something other than what the replicas share.
 */
export function sqliteStorePath(ctx: CliContext, command: string, explicit?: string): string {
  if (explicit !== undefined) return explicit;
  const env = ctx.env();
  if (env.BANTIN_DATABASE_URL !== undefined) {
    throw new CommandError(
      `BANTIN_DATABASE_URL is set, but \`${command}\` runs on SQLite only (every other command runs on PostgreSQL): unset it, or pass --db FILE`,
    );
  }
  return env.BANTIN_DB;
}

/** A user-facing failure of a command: printed without a stack trace, exit code 2. */
export class CommandError extends Error {
  override readonly name = "CommandError";
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
