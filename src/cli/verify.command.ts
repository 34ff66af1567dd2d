import {
  formatFailure,
  verifyEvidenceBundle,
} from '../server/modules/evidence/bundle/bundle-verify.usecase.js';
import type { CliIo } from './cli-error.js';

/** Exit code when a bundle does not verify (1 is any other failure). */
export const BUNDLE_INVALID_EXIT = 2;

/**
 * `casebridge verify <zip>`: checks an evidence bundle offline (no database, no network): signatures,
 * hashes, threads, receipts, documents, inclusion proofs and the signed tree head. Prints `OK` with the
 * counts (exit 0), or every failure, one per line as `<file>: <problem>` (exit 2).
 */
export async function runVerify(zipPath: string, io: CliIo): Promise<number> {
  const report = await verifyEvidenceBundle(zipPath);
  for (const warning of report.warnings) io.err(`warning: ${formatFailure(warning)}`);
  const { counts } = report;
  if (report.ok) {
    io.out(
      `OK: evidence bundle of case ${report.caseRef ?? '?'} from node ${report.nodeId ?? '?'} verifies: ` +
        `${counts.messages} messages, ${counts.receipts} receipts, ${counts.documents} documents, ${counts.keys} keys, ` +
        `${counts.entries} log entries${counts.refused ? ` (${counts.refused} refused)` : ''} ` +
        `under the signed tree head of size ${report.treeSize ?? '?'}, root ${report.rootHash ?? '?'}`,
    );
    return 0;
  }
  io.out(`FAILED: ${report.failures.length} problem(s) in ${zipPath}:`);
  for (const failure of report.failures) io.out(`  ${formatFailure(failure)}`);
  return BUNDLE_INVALID_EXIT;
}
