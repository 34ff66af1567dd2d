import fs from 'node:fs';

/** CPU time used so far (ms) per process, read from Linux's /proc. */
export interface CpuSample {
  node: Map<string, number>;
  database: Map<string, number>;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

function cpuMsOf(pid: string): { name: string; ms: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS,
    };
  } catch {
    return null;
  }
}

/**
 * The CPU used so far by the node's processes (`pids`) and by each PostgreSQL process of this
 * machine, or null where /proc is not readable.
 */
export function sampleCpu(pids: number[]): CpuSample | null {
  if (!fs.existsSync('/proc/self/stat')) return null;
  const mine = new Set(pids.map(String));
  const sample: CpuSample = { node: new Map(), database: new Map() };
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const usage = cpuMsOf(pid);
    if (usage && mine.has(pid)) sample.node.set(pid, usage.ms);
    else if (usage?.name.startsWith('postgres')) sample.database.set(pid, usage.ms);
  }
  return sample;
}

/**
 * CPU used between two samples (ms): by processes alive at the second, counted from the first
 * (or from their start). A process that ended between the two is left out — PostgreSQL ends idle
 * connections of a pool — so the figure errs low, never negative.
 */
export function cpuBetween(before: CpuSample, after: CpuSample): { nodeMs: number; databaseMs: number } {
  const used = (a: Map<string, number>, b: Map<string, number>) =>
    [...b].reduce((sum, [pid, ms]) => sum + ms - (a.get(pid) ?? 0), 0);
  return { nodeMs: used(before.node, after.node), databaseMs: used(before.database, after.database) };
}
