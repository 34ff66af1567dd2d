import fs from 'node:fs/promises';
import path from 'node:path';
import { parseCaseNumberReference } from '../domain/cases/case-number.js';
import { isAppError } from '../domain/errors.js';
import type { DbOrTx } from '../server/db/client.js';
import { findCaseRefsByNumber } from '../server/modules/evidence/evidence.repository.js';
import type { Config } from '../server/config.js';
import { exportEvidenceBundle } from '../server/modules/evidence/bundle/bundle-export.usecase.js';
import { loadOrCreateNodeKeys } from '../server/modules/exchange/trust/node-keys.usecase.js';
import { openBlobStore } from '../server/platform/blob-store/open-blob-store.js';
import { systemClock, type Clock } from '../server/platform/clock.js';
import { CliError, withDatabase, type CliIo } from './cli-context.js';

/** How a case may be named on the command line, for the errors that ask for it. */
const HOW_TO_NAME = "give the case's id, or its number with the station's code (e.g. KL-101:1405/000019)";

/**
 * The case reference (the station's case id, as the messages carry it) a command-line argument names: a
 * case number (`KL-101:1405/000019`, or `1405/000019` when only one station's case has it) is looked up
 * among the stations' files and the offices' received files; anything else is taken as the id itself.
 */
export async function resolveCaseRef(db: DbOrTx, argument: string): Promise<string> {
  const byNumber = parseCaseNumberReference(argument);
  if (!byNumber) return argument.trim();
  const found = await findCaseRefsByNumber(db, byNumber);
  const named = byNumber.stationCode ? `${byNumber.stationCode}:${byNumber.caseNumber}` : byNumber.caseNumber;
  const [only, ...more] = found;
  if (!only) throw new CliError(`no case numbered ${named} on this node; ${HOW_TO_NAME}`);
  if (more.length === 0) return only.caseRef;
  const choices = found.map((f) => `${f.stationCode}:${byNumber.caseNumber} (id ${f.caseRef})`);
  throw new CliError(
    `case number ${named} names ${found.length} cases (numbers repeat across stations): ` +
      `say which — ${choices.join(', ')}`,
  );
}

/**
 * `casebridge evidence export <case> [--out file.zip]`: writes the evidence bundle of a case (named by the
 * station's case id, or by its number with the station's code: see `resolveCaseRef`) — signed messages and receipts in both directions, documents, public keys, the
 * node's signed tree head and inclusion proofs — for anyone to check with `casebridge verify`. Signs the
 * tree head with the node's key from DATA_DIR (never makes one). Read-only on the database.
 */
export async function runEvidenceExport(
  config: Config,
  options: { caseRef: string; out?: string | undefined },
  io: CliIo,
  clock: Clock = systemClock,
): Promise<number> {
  const keyring = path.join(config.dataDir, 'keys', 'keyring.json');
  if (!(await exists(keyring))) {
    throw new CliError(
      `no node keys in ${path.dirname(keyring)}: start the node once with this DATA_DIR first`,
    );
  }
  const keys = await loadOrCreateNodeKeys({ dataDir: config.dataDir, nodeId: config.nodeId });
  const blobs = openBlobStore(config.blobStore);
  const outFile = path.resolve(options.out ?? defaultFileName(options.caseRef, clock.now()));

  const summary = await withDatabase(config, 'require-migrated', async ({ db }) => {
    const caseRef = await resolveCaseRef(db, options.caseRef);
    try {
      return await exportEvidenceBundle({
        db,
        blobs,
        caseRef,
        signer: keys.signer,
        clock,
        outFile,
      });
    } catch (error) {
      if (isAppError(error, 'cases.not_found'))
        throw new CliError(`no evidence about case ${options.caseRef} in this node's log; ${HOW_TO_NAME}`);
      throw error;
    }
  });
  io.out(
    `OK: wrote ${summary.file} (${summary.bytes} bytes): ${summary.messages} messages, ${summary.receipts} receipts, ` +
      `${summary.documents} documents, ${summary.keys} keys, ${summary.entries} log entries` +
      `${summary.refused ? ` (${summary.refused} refused)` : ''}; signed tree head size ${summary.treeSize}, root ${summary.rootHash}`,
  );
  if (summary.missingDocuments) {
    io.err(
      `warning: ${summary.missingDocuments} document(s) named by the messages are not held by this node; the bundle will not verify`,
    );
  }
  return 0;
}

function defaultFileName(caseRef: string, now: Date): string {
  const safe = caseRef.replace(/[^0-9A-Za-z._-]+/g, '_').slice(0, 80);
  return `evidence-${safe}-${now.toISOString().replace(/[:.]/g, '-')}.zip`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
