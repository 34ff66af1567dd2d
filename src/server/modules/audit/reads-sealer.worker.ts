import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import { sealAuditReads } from './audit.repository.js';

/** How often the node seals the reads of the last moments into the audit chain (decision 0011). */
export const READS_SEAL_INTERVAL_MS = 1000;

/**
 * Seals the read log into the audit chain every `intervalMs`, one batch at a time, off the request path;
 * `stop` waits for a seal under way and seals once more, so a clean stop leaves nothing unsealed.
 * Reads are durable before they are sealed: a node killed between two seals loses none, the next seal
 * (this node's after a restart, or `casebridge audit verify`) takes them.
 */
export function startReadsSealer(input: { db: Db; clock: Clock; log: Logger; intervalMs?: number }) {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const seal = () =>
    (running = running
      .then(() => sealAuditReads(input.db, input.clock.now()))
      .catch((error: unknown) =>
        input.log.warn({ err: error }, 'sealing the read log failed; will try again'),
      ));
  const timer = setInterval(() => {
    if (!stopped) void seal();
  }, input.intervalMs ?? READS_SEAL_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await seal();
    },
  };
}
