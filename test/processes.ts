import { readdirSync, readFileSync } from 'node:fs';

/** The pids of the processes whose command line holds `argument` (e.g. a cluster folder: its postmaster). */
export function processesWithArgument(argument: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(argument);
      } catch {
        return false;
      }
    })
    .map(Number);
}
