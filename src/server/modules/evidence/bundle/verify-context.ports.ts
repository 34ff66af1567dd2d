/** What the checks of `verifyEvidenceBundle` share: the open archive, the manifest, the keys, the findings. */
import type { KeyObject } from 'node:crypto';
import type { BundleManifest } from '../../../../domain/evidence/bundle-manifest.js';
import type { KeyResolver } from '../../../platform/crypto/signing.js';
import type { BundleFailure } from './verify-report.presenter.js';
import type { ZipReader } from './zip-reader.codec.js';

/** Largest JWS, key or manifest file read into memory (a message is at most 32 MiB on the wire). */
export const SMALL_FILE_MAX_BYTES = 64 * 1024 * 1024;

/** A message of the bundle as the thread and receipt checks see it: verified values when its signature held. */
export interface BundleMessage {
  id: string;
  file: string;
  fromOrg: string;
  toNode: string;
  toOrg: string;
  seq: number;
  prev: string | null;
  sha256: string;
  documents: { sha256: string; size: number }[];
  /** Whether the signature verified (else the values are the manifest's, used only to avoid double reports). */
  verified: boolean;
}

/** The verifier's working state. */
export interface VerifyContext {
  zip: ZipReader;
  manifest: BundleManifest;
  keys: Map<string, { key: KeyObject; nodeId: string }>;
  resolveKey: KeyResolver;
  messages: Map<string, BundleMessage>;
  failures: BundleFailure[];
  warnings: BundleFailure[];
  fail(file: string, problem: string): void;
  warn(file: string, problem: string): void;
  /** A small member's bytes (cached), or null if it is not in the archive or cannot be read (reported once). */
  read(file: string): Promise<Buffer | null>;
}

/** A fresh context over an open archive and its parsed manifest. */
export function createVerifyContext(zip: ZipReader, manifest: BundleManifest): VerifyContext {
  const cache = new Map<string, Buffer | null>();
  const keys = new Map<string, { key: KeyObject; nodeId: string }>();
  const ctx: VerifyContext = {
    zip,
    manifest,
    keys,
    resolveKey: (kid) => keys.get(kid)?.key ?? null,
    messages: new Map(),
    failures: [],
    warnings: [],
    fail: (file, problem) => ctx.failures.push({ file, problem }),
    warn: (file, problem) => ctx.warnings.push({ file, problem }),
    async read(file) {
      if (cache.has(file)) return cache.get(file) ?? null;
      let bytes: Buffer | null = null;
      if (!zip.names.has(file)) ctx.fail(file, 'missing from the bundle');
      else {
        try {
          bytes = await zip.read(file, SMALL_FILE_MAX_BYTES);
        } catch (error) {
          ctx.fail(file, `unreadable (${error instanceof Error ? error.message : 'error'})`);
        }
      }
      cache.set(file, bytes);
      return bytes;
    },
  };
  return ctx;
}
