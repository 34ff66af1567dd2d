import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.js';
import { clusterPaths } from './embedded.js';
import { processesWithArgument } from '../../../test/processes.js';

const BIN = path.resolve(import.meta.dirname, '../../../bin/casebridge.js');

async function postmasterPid(dir: string): Promise<number> {
  return Number((await fs.readFile(path.join(dir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

async function until(probe: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (probe()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return probe();
}

describe('a node and its embedded PostgreSQL', () => {
  let dataDir: string;
  let cluster: string;
  const env = () => ({
    ...process.env,
    DATABASE_URL: '',
    DATA_DIR: dataDir,
    PORT: '0',
    DEMO: 'false',
    LOG_LEVEL: 'silent',
  });

  /** Starts `casebridge serve` and waits until it listens (its output is read to the end: a closed pipe would kill it). */
  async function startNode(): Promise<ChildProcess> {
    const child = spawn(process.execPath, [BIN, 'serve'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    return new Promise((resolve, reject) => {
      const read = (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('listening on')) resolve(child);
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.on('exit', () => reject(new Error(`the node did not start: ${out}`)));
    });
  }

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-lifecycle-'));
    await fs.chmod(dataDir, 0o755);
    cluster = path.join(dataDir, 'postgres');
  });
  afterAll(async () => {
    for (const pid of processesWithArgument(cluster)) process.kill(pid, 'SIGKILL');
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it(
    'takes its database back after being killed, so that stopping it stops both',
    { timeout: 180_000 },
    async () => {
      const first = await startNode();
      const orphan = await postmasterPid(cluster);
      first.kill('SIGKILL');
      await once(first, 'exit');
      // The node is gone; its PostgreSQL outlives it…
      expect(processesWithArgument(cluster)).toContain(orphan);

      // …until the node starts again and takes it back as its own.
      const second = await startNode();
      try {
        expect(await postmasterPid(cluster)).not.toBe(orphan);
        expect(await until(() => !processesWithArgument(cluster).includes(orphan), 5_000)).toBe(true);
        // A command beside the running node joins its server and leaves it running.
        const verify = await runCli(['audit', 'verify'], { env: { DATA_DIR: dataDir } });
        expect(verify.code).toBe(0);
        expect(processesWithArgument(cluster).length).toBeGreaterThan(0);
      } finally {
        second.kill('SIGTERM');
        await once(second, 'exit');
      }
      expect(await until(() => processesWithArgument(cluster).length === 0, 10_000)).toBe(true);
    },
  );

  it('runs crash recovery when its PostgreSQL was killed with it', { timeout: 180_000 }, async () => {
    const first = await startNode();
    const postmaster = await postmasterPid(cluster);
    first.kill('SIGKILL');
    process.kill(postmaster, 'SIGKILL');
    await once(first, 'exit');
    expect(await until(() => !processesWithArgument(cluster).includes(postmaster), 5_000)).toBe(true);
    const logBefore = (await fs.readFile(clusterPaths(cluster).log, 'utf8')).length;

    const second = await startNode();
    second.kill('SIGTERM');
    await once(second, 'exit');
    const log = (await fs.readFile(clusterPaths(cluster).log, 'utf8')).slice(logBefore);
    expect(log).toMatch(/not properly shut down; automatic recovery in progress/);
    expect(await until(() => processesWithArgument(cluster).length === 0, 10_000)).toBe(true);
  });
});
