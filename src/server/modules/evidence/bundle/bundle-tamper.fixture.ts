/**
 * Test fixture (used by the evidence tests only): rewrites a bundle the way someone tampering with it
 * would — member by member, changing, dropping or keeping each — into a new, well-formed ZIP.
 */
import type { BundleManifest } from '../../../../domain/evidence/bundle-manifest.js';
import { openZip } from './zip-reader.codec.js';
import { writeZipFile } from './zip-writer.codec.js';

/** What to do with one member: its new bytes, or null to drop it. */
export type MemberEdit = (name: string, bytes: Buffer) => Buffer | null;

/** Copies the ZIP at `from` to `to`, passing each member through `edit`, then adds `extra` members. */
export async function rewriteBundle(
  from: string,
  to: string,
  edit: MemberEdit,
  extra: { name: string; data: Buffer }[] = [],
): Promise<void> {
  const zip = await openZip(from);
  const members: { name: string; data: Buffer }[] = [];
  try {
    for (const name of zip.names) {
      const data = edit(name, await zip.read(name, 64 * 1024 * 1024));
      if (data) members.push({ name, data });
    }
  } finally {
    zip.close();
  }
  await writeZipFile(to, [...members, ...extra], new Date());
}

/** The manifest of a bundle. */
export async function readManifest(file: string): Promise<BundleManifest> {
  const zip = await openZip(file);
  try {
    return JSON.parse((await zip.read('manifest.json', 64 * 1024 * 1024)).toString('utf8')) as BundleManifest;
  } finally {
    zip.close();
  }
}

/** The member names of a bundle. */
export async function memberNames(file: string): Promise<string[]> {
  const zip = await openZip(file);
  zip.close();
  return [...zip.names];
}

/** A compact JWS with one character of its payload changed to another base64url character. */
export function flipJwsPayloadChar(jws: string): string {
  const [header = '', payload = '', signature = ''] = jws.split('.');
  const at = Math.floor(payload.length / 2);
  const swapped = payload[at] === 'A' ? 'B' : 'A';
  return `${header}.${payload.slice(0, at)}${swapped}${payload.slice(at + 1)}.${signature}`;
}
