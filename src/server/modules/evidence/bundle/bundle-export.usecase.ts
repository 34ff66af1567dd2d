/**
 * Exports a case's evidence bundle (docs/protocol.md §14): a ZIP that anyone can verify offline with
 * `casebridge verify` — the signed messages and receipts of the case in both directions, the documents
 * they name (streamed from the blob store), the public keys of every signer, the node's signed tree head
 * and each log entry's inclusion proof under it (manifest.json), and a README in Persian and English.
 */
import { AppError } from '../../../../domain/errors.js';
import {
  BUNDLE_FORMAT,
  MANIFEST_FILE,
  README_FILE,
  documentFileName,
  keyFileName,
  type BundleManifest,
  type ManifestDocument,
  type ManifestKey,
} from '../../../../domain/evidence/bundle-manifest.js';
import type { DbOrTx } from '../../../db/client.js';
import type { BlobStore } from '../../../platform/blob-store/blob-store.js';
import type { Clock } from '../../../platform/clock.js';
import { exportPublicJwk, importPublicJwk, type Ed25519PublicJwk } from '../../../platform/crypto/signing.js';
import type { Signer } from '../../exchange/node-keys.js';
import { planBundle } from './bundle-plan.rules.js';
import { bundleReadme } from './bundle-readme.presenter.js';
import { listCaseEntries, findTrustedKeys } from '../evidence.repository.js';
import { signCurrentTreeHead } from '../evidence.usecase.js';
import { writeZipFile, type ZipMember } from './zip-writer.codec.js';

/** What was exported. */
export interface EvidenceBundleSummary {
  file: string;
  bytes: number;
  caseRef: string;
  nodeId: string;
  treeSize: number;
  rootHash: string;
  entries: number;
  messages: number;
  receipts: number;
  refused: number;
  documents: number;
  /** Documents named by a message whose bytes this node does not hold (listed with `file: null`). */
  missingDocuments: number;
  keys: number;
}

/**
 * Writes the evidence bundle of the case `caseRef` (the station's case id, as messages carry it) to
 * `outFile`. Throws `cases.not_found` if the log holds nothing about that case. Read-only on the database.
 */
export async function exportEvidenceBundle(input: {
  db: DbOrTx;
  blobs: BlobStore;
  caseRef: string;
  signer: Signer;
  clock: Clock;
  outFile: string;
}): Promise<EvidenceBundleSummary> {
  const { treeHead, leaves } = await signCurrentTreeHead(input);
  const caseEntries = await listCaseEntries(input.db, input.caseRef, treeHead.treeSize);
  if (caseEntries.length === 0)
    throw new AppError('cases.not_found', { message: 'The evidence log holds nothing about this case.' });

  const plan = planBundle(caseEntries, leaves);
  const documents: ManifestDocument[] = [];
  for (const doc of plan.documents.values()) {
    const held = await input.blobs.has(doc.sha256);
    documents.push({
      sha256: doc.sha256,
      size: doc.size,
      mediaType: doc.mediaType,
      name: doc.name,
      file: held ? documentFileName(doc.sha256) : null,
    });
  }
  const trusted = await findTrustedKeys(input.db, [...new Set([...plan.kids, treeHead.kid])]);
  const keyFiles: { key: ManifestKey; jwk: Ed25519PublicJwk }[] = trusted.map((k) => ({
    key: { kid: k.kid, nodeId: k.nodeId, file: keyFileName(k.kid), revoked: k.revoked },
    jwk: exportPublicJwk(importPublicJwk(k.publicJwk)),
  }));

  const createdAt = input.clock.now();
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    caseRef: input.caseRef,
    nodeId: input.signer.nodeId,
    createdAt: createdAt.toISOString(),
    treeHead,
    entries: plan.entries,
    messages: plan.messages,
    receipts: plan.receipts,
    documents,
    keys: keyFiles.map((k) => k.key),
  };

  const members: ZipMember[] = [
    {
      name: README_FILE,
      data: bundleReadme({
        ...manifest,
        treeSize: treeHead.treeSize,
        rootHash: treeHead.rootHash,
        kid: treeHead.kid,
      }),
    },
    { name: MANIFEST_FILE, data: `${JSON.stringify(manifest, null, 2)}\n` },
    ...keyFiles.map((k) => ({ name: k.key.file, data: `${JSON.stringify(k.jwk, null, 2)}\n` })),
    ...[...plan.files].map(([name, data]) => ({ name, data })),
    ...documents.flatMap((d) =>
      d.file ? [{ name: d.file, open: () => input.blobs.get(d.sha256), compress: false }] : [],
    ),
  ];
  const bytes = await writeZipFile(input.outFile, members, createdAt);

  return {
    file: input.outFile,
    bytes,
    caseRef: input.caseRef,
    nodeId: input.signer.nodeId,
    treeSize: treeHead.treeSize,
    rootHash: treeHead.rootHash,
    entries: plan.entries.length,
    messages: plan.messages.length,
    receipts: plan.receipts.length,
    refused: plan.entries.filter((e) => e.file.startsWith('refused/')).length,
    documents: documents.length,
    missingDocuments: documents.filter((d) => d.file === null).length,
    keys: keyFiles.length,
  };
}
