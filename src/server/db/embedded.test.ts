import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from './client.js';
import { clusterPaths, embeddedUrl, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.js';
import { checkServerSettings } from './server-settings.js';
import { processesWithArgument } from '../../../test/processes.js';

const execFileAsync = promisify(execFile);
const require = createRequire(import.meta.url);

async function queryOne<T>(url: string, text: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows[0] as T;
  } finally {
    await client.end();
  }
}

/** Ports on which some process listens over TCP (IPv4 and IPv6), with the socket inodes behind each. */
function tcpListeners(): { port: number; inode: string }[] {
  const listeners: { port: number; inode: string }[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.trim().split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] !== '0A') continue; // 0A: LISTEN
      listeners.push({ port: Number.parseInt(fields[1]?.split(':')[1] ?? '0', 16), inode: fields[9] ?? '' });
    }
  }
  return listeners;
}

function socketInodesOf(pid: number): Set<string> {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) inodes.add(inode);
    }
  } catch {
    // the process ended meanwhile
  }
  return inodes;
}

/**
 * Runs a Node script as the `nobody` account: it tries the embedded server's socket and every TCP port
 * listening on 127.0.0.1 with the cluster's real password, and prints what each attempt reached.
 */
async function tryAsNobody(input: { url: string; ports: number[] }): Promise<string[]> {
  const script = `
    const pg = require(${JSON.stringify(require.resolve('pg'))});
    const [url, password, ports] = [process.argv[1], process.argv[2], JSON.parse(process.argv[3])];
    (async () => {
      const tries = [url, ...ports.map((p) => 'postgres://postgres:' + encodeURIComponent(password) + '@127.0.0.1:' + p + '/postgres')];
      for (const connectionString of tries) {
        const client = new pg.Client({ connectionString, connectionTimeoutMillis: 2000 });
        try {
          await client.connect();
          const dir = (await client.query('show data_directory')).rows[0].data_directory;
          console.log('reached ' + dir);
        } catch (error) {
          console.log('refused ' + (error.code || error.message));
        } finally {
          await client.end().catch(() => {});
        }
      }
    })();`;
  const password = decodeURIComponent(new URL(input.url).password);
  const { stdout } = await execFileAsync(
    process.execPath,
    ['-e', script, input.url, password, JSON.stringify(input.ports)],
    { uid: 65534, gid: 65534, cwd: '/' },
  );
  return stdout.trim().split('\n');
}

const isRoot = os.userInfo().uid === 0;

describe('the embedded PostgreSQL', () => {
  let folder: string;
  let dir: string;
  let server: EmbeddedDatabase;

  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-embedded-'));
    await fs.chmod(folder, 0o755);
    dir = path.join(folder, 'postgres');
    // With a setting of the caller's (the benchmark's profile loads pg_stat_statements this way).
    server = await startEmbeddedPostgres({ dir, settings: ['work_mem=7MB'] });
  }, 120_000);

  afterAll(async () => {
    await server.stop();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('runs with the settings given, and none the node warns about', async () => {
    expect(server.owned).toBe(true);
    expect(await queryOne(server.url, 'show work_mem')).toEqual({ work_mem: '7MB' });
    const db = createDb(server.url, { max: 1 });
    expect(await checkServerSettings(db)).toEqual([]);
    await db.destroy();
  });

  it('listens on no TCP port, only on a socket in a folder only its user can enter', async () => {
    expect(await queryOne(server.url, 'show listen_addresses')).toEqual({ listen_addresses: '' });
    const paths = clusterPaths(dir);
    expect(statSync(paths.socketDir).mode & 0o777).toBe(0o700);
    const inodes = new Set(processesWithArgument(dir).flatMap((pid) => [...socketInodesOf(pid)]));
    expect(inodes.size).toBeGreaterThan(0);
    expect(tcpListeners().filter((listener) => inodes.has(listener.inode))).toEqual([]);
  });

  it('keeps a random password per data folder, in a file only the node can read, checked with scram-sha-256', async () => {
    const paths = clusterPaths(dir);
    const password = await fs.readFile(paths.password, 'utf8');
    expect(password).toMatch(/^[\w-]{32}$/);
    expect(statSync(paths.password).mode & 0o777).toBe(0o600);
    expect(decodeURIComponent(new URL(server.url).password)).toBe(password);
    const hba = await fs.readFile(path.join(dir, 'pg_hba.conf'), 'utf8');
    expect(hba.split('\n').filter((line) => line && !line.startsWith('#'))).toEqual([
      'local all all scram-sha-256',
    ]);
    const wrong = embeddedUrl({ socketDir: paths.socketDir, password: 'casebridge-embedded' });
    await expect(queryOne(wrong, 'select 1')).rejects.toMatchObject({ code: '28P01' });
  });

  it.runIf(isRoot)(
    'refuses another account of the machine by its socket and by every TCP port',
    { timeout: 60_000 },
    async () => {
      const ports = [...new Set(tcpListeners().map((listener) => listener.port))];
      const results = await tryAsNobody({ url: server.url, ports });
      expect(results).toHaveLength(ports.length + 1);
      expect(results[0]).toMatch(/^refused (EACCES|ENOENT)/);
      // Other servers may answer on this machine (its own PostgreSQL does): none of them is this one.
      expect(results.filter((line) => line.includes(dir))).toEqual([]);
    },
  );

  it('lets another process of the node join the running server, leaving stopping it to its owner', async () => {
    const guest = await startEmbeddedPostgres({ dir });
    expect(guest.owned).toBe(false);
    expect(await queryOne(guest.url, 'select 1 as one')).toEqual({ one: 1 });
    await guest.stop();
    expect(await queryOne(server.url, 'select 1 as one')).toEqual({ one: 1 }); // still running
  });
});

describe('a data folder made before the embedded server was private', () => {
  it(
    'gets a random password and socket-only access on its next start, keeping its data',
    { timeout: 120_000 },
    async () => {
      const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-embedded-'));
      await fs.chmod(folder, 0o755);
      const dir = path.join(folder, 'postgres');
      try {
        const first = await startEmbeddedPostgres({ dir });
        await queryOne(first.url, 'create table kept as select 42 as x');
        // Make it look as the old code left it: the fixed password, 'password' rules for socket and TCP.
        await queryOne(first.url, `alter role postgres password 'casebridge-embedded'`);
        await first.stop();
        const paths = clusterPaths(dir);
        await fs.rm(paths.password);
        await fs.writeFile(
          path.join(dir, 'pg_hba.conf'),
          'local all all password\nhost all all 127.0.0.1/32 password\n',
        );
        const second = await startEmbeddedPostgres({ dir });
        try {
          const password = await fs.readFile(paths.password, 'utf8');
          expect(password).not.toBe('casebridge-embedded');
          expect(await queryOne(second.url, 'select x from kept')).toEqual({ x: 42 });
          const legacy = embeddedUrl({ socketDir: paths.socketDir, password: 'casebridge-embedded' });
          await expect(queryOne(legacy, 'select 1')).rejects.toMatchObject({ code: '28P01' });
          expect(await fs.readFile(path.join(dir, 'pg_hba.conf'), 'utf8')).not.toMatch(/^host/m);
        } finally {
          await second.stop();
        }
      } finally {
        await fs.rm(folder, { recursive: true, force: true });
      }
    },
  );
});
