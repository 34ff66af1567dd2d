/**
 * Offline verification of an evidence bundle (`casebridge verify`): reads only the ZIP, never a database
 * or the network. Every check names the file it concerns:
 *
 * - the manifest is present and well-formed; no file is there twice or unlisted;
 * - each key file is an Ed25519 JWK whose thumbprint is its kid;
 * - the signed tree head's JWS verifies with a key of the exporting node and says what the manifest says;
 * - each message's signature, canonical payload, hash and thread chain; each receipt (verify-messages.usecase.ts);
 * - each document's bytes hash to its name and have the size its message signed;
 * - each log entry's leaf hash is SHA-256(0x00 ‖ the file's bytes) and its inclusion proof leads to the
 *   signed root (RFC 9162 §2.1.3.2).
 */
import { basename } from 'node:path';
import {
  MANIFEST_FILE,
  README_FILE,
  bundleManifestSchema,
  documentFileName,
  keyFileName,
  type BundleManifest,
} from '../../../../domain/evidence/bundle-manifest.js';
import { isMessageKind, isReceiptKind } from '../../../../domain/evidence/evidence-kinds.js';
import { treeHeadFields, type TreeHead } from '../../../../domain/evidence/tree-head.js';
import { fromHex, hashStream, toHex } from '../../../platform/crypto/hash.js';
import { leafHash, verifyInclusion } from '../../../platform/crypto/merkle.js';
import { importPublicJwk, keyIdOf } from '../../../platform/crypto/signing.js';
import { openTreeHead } from '../tree-head-signing.codec.js';
import { createVerifyContext, SMALL_FILE_MAX_BYTES, type VerifyContext } from './verify-context.ports.js';
import { checkMessages, checkReceipts, checkThreads } from './verify-messages.usecase.js';
import { describeJwsFailure, type BundleCounts, type BundleReport } from './verify-report.presenter.js';
import { openZip, type ZipReader } from './zip-reader.codec.js';

export { formatFailure, type BundleFailure, type BundleReport } from './verify-report.presenter.js';

/** Verifies the evidence bundle at `zipPath` and reports every failure; never throws for a bad bundle. */
export async function verifyEvidenceBundle(zipPath: string): Promise<BundleReport> {
  let zip: ZipReader;
  try {
    zip = await openZip(zipPath);
  } catch (error) {
    return failedReport(
      basename(zipPath),
      `not a readable ZIP archive (${error instanceof Error ? error.message : 'error'})`,
    );
  }
  try {
    const manifest = await readManifest(zip);
    if (typeof manifest === 'string') return failedReport(MANIFEST_FILE, manifest);
    const ctx = createVerifyContext(zip, manifest);
    for (const name of zip.duplicates) ctx.fail(name, 'appears more than once in the archive');
    checkListedFiles(ctx);
    await checkKeys(ctx);
    const tree = checkTreeHead(ctx);
    await checkMessages(ctx);
    checkThreads(ctx);
    await checkReceipts(ctx);
    await checkDocuments(ctx);
    await checkEntries(ctx, tree);
    return {
      ok: ctx.failures.length === 0,
      caseRef: manifest.caseRef,
      nodeId: manifest.nodeId,
      treeSize: tree.treeSize,
      rootHash: tree.rootHash,
      counts: countsOf(manifest),
      failures: ctx.failures,
      warnings: ctx.warnings,
    };
  } finally {
    zip.close();
  }
}

async function readManifest(zip: ZipReader): Promise<BundleManifest | string> {
  if (!zip.names.has(MANIFEST_FILE)) return 'missing from the bundle';
  let json: unknown;
  try {
    json = JSON.parse((await zip.read(MANIFEST_FILE, SMALL_FILE_MAX_BYTES)).toString('utf8'));
  } catch (error) {
    return `unreadable (${error instanceof Error ? error.message : 'error'})`;
  }
  const parsed = bundleManifestSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return `not a valid bundle manifest (${issues.join('; ')})`;
}

/** Every file in the archive is one the manifest lists (or the README). */
function checkListedFiles(ctx: VerifyContext): void {
  const { manifest } = ctx;
  const listed = new Set<string>([
    MANIFEST_FILE,
    README_FILE,
    ...manifest.keys.map((k) => k.file),
    ...manifest.messages.map((m) => m.file),
    ...manifest.receipts.map((r) => r.file),
    ...manifest.entries.map((e) => e.file),
    ...manifest.documents.flatMap((d) => (d.file ? [d.file] : [])),
  ]);
  for (const name of ctx.zip.names) if (!listed.has(name)) ctx.fail(name, 'not listed in the manifest');
}

async function checkKeys(ctx: VerifyContext): Promise<void> {
  for (const listed of ctx.manifest.keys) {
    if (listed.file !== keyFileName(listed.kid))
      ctx.fail(listed.file, `file name should be ${keyFileName(listed.kid)}`);
    const bytes = await ctx.read(listed.file);
    if (!bytes) continue;
    try {
      const key = importPublicJwk(JSON.parse(bytes.toString('utf8')));
      if (keyIdOf(key) !== listed.kid) {
        ctx.fail(listed.file, `the key's thumbprint is ${keyIdOf(key)}, not the kid ${listed.kid}`);
        continue;
      }
      ctx.keys.set(listed.kid, { key, nodeId: listed.nodeId });
      if (listed.revoked) ctx.warn(listed.file, `key of node ${listed.nodeId} revoked by the exporting node`);
    } catch {
      ctx.fail(listed.file, 'not an Ed25519 public JWK whose kid is its thumbprint');
    }
  }
}

/** The tree the inclusion proofs are checked against: the signed one when the signature holds, else the manifest's claim. */
function checkTreeHead(ctx: VerifyContext): TreeHead {
  const claimed = ctx.manifest.treeHead;
  const opened = openTreeHead(claimed.jws, ctx.resolveKey);
  if (!opened.ok) {
    ctx.fail(MANIFEST_FILE, `treeHead: ${describeJwsFailure(opened.reason)}`);
    return claimed;
  }
  const signerNode = ctx.keys.get(opened.kid)?.nodeId;
  if (signerNode !== opened.head.nodeId)
    ctx.fail(
      MANIFEST_FILE,
      `treeHead: signed with a key of node ${signerNode ?? '?'}, not of ${opened.head.nodeId}`,
    );
  if (opened.head.nodeId !== ctx.manifest.nodeId)
    ctx.fail(
      MANIFEST_FILE,
      `treeHead: signed by node ${opened.head.nodeId}, not the exporting node ${ctx.manifest.nodeId}`,
    );
  if (opened.kid !== claimed.kid)
    ctx.fail(MANIFEST_FILE, `treeHead.kid differs from the signed tree head's key ${opened.kid}`);
  for (const field of treeHeadFields) {
    if (claimed[field] !== opened.head[field])
      ctx.fail(MANIFEST_FILE, `treeHead.${field} differs from the signed tree head`);
  }
  return opened.head;
}

/** Each document's bytes hash to its name, with the size the (verified) messages give it. */
async function checkDocuments(ctx: VerifyContext): Promise<void> {
  const signedSizes = new Map<string, number>();
  for (const message of ctx.messages.values())
    for (const d of message.documents) signedSizes.set(d.sha256, d.size);
  for (const listed of ctx.manifest.documents) {
    const name = documentFileName(listed.sha256);
    if (listed.file === null) {
      ctx.fail(name, 'not in the bundle: the exporting node does not hold it');
      continue;
    }
    if (listed.file !== name) ctx.fail(listed.file, `file name should be ${name}`);
    if (!ctx.zip.names.has(listed.file)) {
      ctx.fail(listed.file, 'missing from the bundle');
      continue;
    }
    try {
      const digest = await hashStream(await ctx.zip.open(listed.file));
      const size = signedSizes.get(listed.sha256) ?? listed.size;
      if (digest.sha256 !== listed.sha256)
        ctx.fail(listed.file, `hash mismatch (the bytes hash to ${digest.sha256})`);
      else if (digest.size !== size)
        ctx.fail(listed.file, `size mismatch (${digest.size} bytes, the message says ${size})`);
    } catch (error) {
      ctx.fail(listed.file, `unreadable (${error instanceof Error ? error.message : 'error'})`);
    }
  }
}

/** Each entry's bytes give its leaf hash, and its inclusion proof leads to the tree head's root. */
async function checkEntries(ctx: VerifyContext, tree: TreeHead): Promise<void> {
  const root = fromHex(tree.rootHash) ?? new Uint8Array();
  const seen = new Set<number>();
  const covered = new Set<string>();
  const messageFiles = new Map(ctx.manifest.messages.map((m) => [m.file, m.sha256]));
  for (const entry of ctx.manifest.entries) {
    const label = `entry ${entry.idx} (${entry.kind})`;
    if (seen.has(entry.idx)) ctx.fail(entry.file, `${label} is listed twice`);
    seen.add(entry.idx);
    if (isMessageKind(entry.kind)) covered.add(`message:${entry.file}`);
    if (isReceiptKind(entry.kind)) covered.add(`receipt:${entry.file}`);
    const bytes = await ctx.read(entry.file);
    if (!bytes) continue;
    const messageHash = messageFiles.get(entry.file);
    if (messageHash !== undefined && entry.messageSha256 !== messageHash)
      ctx.fail(entry.file, `${label}: message hash differs from the manifest's message`);
    const hash = leafHash(bytes);
    if (toHex(hash) !== entry.leafHash) {
      ctx.fail(
        entry.file,
        `${label}: the bytes do not hash to the entry's leaf hash (changed after they were logged)`,
      );
      continue;
    }
    const proof = entry.inclusionProof.map((p) => fromHex(p) ?? new Uint8Array());
    if (
      !verifyInclusion({ leafHash: hash, index: entry.idx, treeSize: tree.treeSize, proof, rootHash: root })
    ) {
      ctx.fail(
        entry.file,
        `${label}: inclusion proof does not verify against the signed tree head (size ${tree.treeSize})`,
      );
    }
  }
  for (const m of ctx.manifest.messages)
    if (!covered.has(`message:${m.file}`)) ctx.fail(m.file, 'no evidence log entry holds this message');
  for (const r of ctx.manifest.receipts)
    if (!covered.has(`receipt:${r.file}`)) ctx.fail(r.file, 'no evidence log entry holds this receipt');
}

function countsOf(manifest: BundleManifest): BundleCounts {
  return {
    messages: manifest.messages.length,
    receipts: manifest.receipts.length,
    documents: manifest.documents.length,
    keys: manifest.keys.length,
    entries: manifest.entries.length,
    refused: manifest.entries.filter((e) => e.file.startsWith('refused/')).length,
  };
}

function failedReport(file: string, problem: string): BundleReport {
  return {
    ok: false,
    caseRef: null,
    nodeId: null,
    treeSize: null,
    rootHash: null,
    counts: { messages: 0, receipts: 0, documents: 0, keys: 0, entries: 0, refused: 0 },
    failures: [{ file, problem }],
    warnings: [],
  };
}
