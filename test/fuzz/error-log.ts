import { createLogger, type Logger } from '../../src/server/platform/logger.js';

/** A logger for the node under test that keeps what it logs at level error (as JSON lines) in `lines`. */
export function errorCollectingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: createLogger('error', { write: (line: string) => void lines.push(line) }), lines };
}
