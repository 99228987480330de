import type { CommandCore } from "../chat/index.js";
import type { Env } from "../config/index.js";
import type { Logger } from "../domain/index.js";
import { type HttpServer, startHttpServer } from "../http/http-server.js";
import type { HealthRepo } from "../store/health-repo.js";
import type { EitherStore } from "../store/port.js";

/** Which adapters this process started, and whether each is up now; read by /healthz. */
export type AdapterStatus = Record<string, boolean>;

/** `/healthz` and `/metrics` when HTTP_PORT is set; nothing otherwise. */
export async function startOpsServer(
  env: Env,
  store: EitherStore<HealthRepo>,
  adapters: AdapterStatus,
  logger: Logger,
): Promise<HttpServer | undefined> {
  if (env.HTTP_PORT === undefined) return undefined;
  const server = await startHttpServer({
    port: env.HTTP_PORT,
    store,
    health: { adapters: () => ({ ...adapters }) },
    logger: logger.child({ module: "http" }),
  });
  logger.info({ port: server.port }, "serving /healthz and /metrics");
  return server;
}

/** The same command core, timing every command for `bantin_command_duration_seconds`. */
export function withCommandLatency(core: CommandCore, server: HttpServer | undefined): CommandCore {
  if (server === undefined) return core;
  const timed = async <T>(command: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      server.observeCommandLatency(command, performance.now() - started);
    }
  };
  return {
    ...core,
    handle: (text, ctx) => timed(commandName(text), () => core.handle(text, ctx)),
    toggleTopic: (topic, ctx) => timed("toggle-topic", () => core.toggleTopic(topic, ctx)),
  };
}

/** "/digest@BantinBot 24h" → "digest"; anything that is not a command is "text". */
function commandName(text: string): string {
  const match = /^\/([a-z]+)/i.exec(text.trim());
  return match?.[1]?.toLowerCase() ?? "text";
}
