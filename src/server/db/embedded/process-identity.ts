import { readFileSync } from 'node:fs';

/**
 * A process named so that a recycled pid is not mistaken for it: its pid and, on Linux, the time it
 * started (field 22 of `/proc/<pid>/stat`, in clock ticks since boot).
 */
export interface ProcessIdentity {
  pid: number;
  startedAt: string | null;
}

function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The second field (the command) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** This process, as `ProcessIdentity`. */
export function currentProcess(): ProcessIdentity {
  return { pid: process.pid, startedAt: startTimeOf(process.pid) };
}

/** Whether the process still runs — the same one, not another that was given its pid since. */
export function isRunning(identity: ProcessIdentity): boolean {
  try {
    process.kill(identity.pid, 0); // signal 0: only asks whether the process exists
  } catch (error) {
    // EPERM: it exists but belongs to another user (the postgres system user, for a root node).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (isZombie(identity.pid)) return false;
  return identity.startedAt === null || startTimeOf(identity.pid) === identity.startedAt;
}

/** A process that has exited but not yet been reaped by its parent still answers signal 0. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}
