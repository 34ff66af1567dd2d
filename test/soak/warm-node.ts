/**
 * A node process started ahead of need, for the crash soak: it loads the node's code (on a busy machine the
 * slow part of a start), says `warm`, and on a line on stdin starts the node exactly as `casebridge serve`
 * does, configured by its environment. A restart after a SIGKILL then costs what the node's own start costs.
 */
import { runServe } from '../../src/cli/serve.js';
import { loadConfig } from '../../src/server/config.js';

process.stdout.write('warm\n');
process.stdin.once('data', () => {
  process.stdin.pause();
  runServe(loadConfig(process.env)).catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
});
