import type { Config } from '../server/config.js';
import { runWorker } from '../server/worker.js';
import type { CliIo } from './cli-error.js';

/** `casebridge worker`: an extra delivery worker beside the node, until SIGINT/SIGTERM. */
export async function runWorkerCommand(config: Config, io: CliIo): Promise<number> {
  await runWorker(config, { onReady: () => io.out(`delivery worker for node ${config.nodeId} ready`) });
  return 0;
}
