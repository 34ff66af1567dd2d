/** The report of `verifyEvidenceBundle`: what was checked, and exactly what failed, file by file. */

/** One failed check: the file (or `thread …`) it concerns, and what is wrong with it. */
export interface BundleFailure {
  file: string;
  problem: string;
}

/** How many of each thing the bundle holds (all of them checked). */
export interface BundleCounts {
  messages: number;
  receipts: number;
  documents: number;
  keys: number;
  entries: number;
  refused: number;
}

/** The outcome of verifying a bundle. `ok` is true exactly when there is no failure. */
export interface BundleReport {
  ok: boolean;
  caseRef: string | null;
  nodeId: string | null;
  treeSize: number | null;
  rootHash: string | null;
  counts: BundleCounts;
  failures: BundleFailure[];
  /** Things worth a look that do not make the bundle fail (e.g. a key revoked since it signed). */
  warnings: BundleFailure[];
}

/** A failure as one line: `<file>: <problem>`. */
export function formatFailure(failure: BundleFailure): string {
  return `${failure.file}: ${failure.problem}`;
}

/** Why a JWS (message, receipt or tree head) did not open, in words. */
export function describeJwsFailure(reason: string): string {
  switch (reason) {
    case 'signature.invalid':
      return 'signature invalid';
    case 'signature.unknown_key':
      return 'signed with a key that is not in the bundle';
    case 'signature.malformed':
      return 'not a well-formed EdDSA compact JWS';
    case 'message.malformed':
      return 'payload is not a valid message envelope';
    case 'message.not_canonical':
    case 'tree_head.not_canonical':
    case 'receipt.not_canonical':
      return 'payload is not canonical JSON (RFC 8785)';
    case 'tree_head.malformed':
      return 'payload is not a tree head';
    case 'receipt.malformed':
      return 'payload is not a delivery receipt';
    default:
      return reason;
  }
}
