import type { Config } from '../server/config.js';
import { startNode } from '../server/main.js';

/** `casebridge serve` (the default): runs the node until SIGINT/SIGTERM. */
export async function runServe(config: Config): Promise<void> {
  await startNode(config, { handleSignals: true });
}
