import type { Config } from '../server/config.js';
import { verifyAuditChain } from '../server/modules/audit/audit.repository.js';
import { withDatabase, type CliIo } from './cli-context.js';

/** Exit code when the chain is broken (1 is any other failure). */
export const AUDIT_BROKEN_EXIT = 2;

/**
 * `casebridge audit verify`: walks the whole audit hash chain. Prints `OK` with the number of entries
 * and the head hash (exit 0), or the first bad entry's seq and why (exit 2). Read-only: unlike the
 * API's verify, it does not append a record of itself.
 */
export async function runAuditVerify(config: Config, io: CliIo): Promise<number> {
  const result = await withDatabase(config, 'require-migrated', ({ db }) => verifyAuditChain(db));
  if (result.ok) {
    io.out(`OK: audit chain intact, ${result.entries} entries, head ${result.head}`);
    return 0;
  }
  const why = {
    changed: 'entry changed after it was written',
    missing: 'entry missing (deleted)',
    broken_link: 'link to the previous entry broken (reordered or relinked)',
  }[result.reason];
  io.out(
    `BROKEN: audit chain fails at seq ${result.firstBadSeq}: ${result.reason} — ${why} (${result.entries} entries verified before it)`,
  );
  return AUDIT_BROKEN_EXIT;
}
