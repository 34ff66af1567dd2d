/**
 * Reading a ZIP by member name (yauzl), for the offline verifier: the central directory is read once, then
 * any member can be opened as a stream (documents are hashed as they stream, never held whole) or read
 * into memory up to a limit (manifest, keys, JWS files), so a hostile archive cannot exhaust memory.
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/** An open archive: its member names (duplicates listed apart) and ways to read a member. */
export interface ZipReader {
  names: ReadonlySet<string>;
  /** Names that appear more than once (only the first is read). */
  duplicates: readonly string[];
  /** A member's bytes; throws if it is larger than `maxBytes` or unreadable. */
  read(name: string, maxBytes: number): Promise<Buffer>;
  /** A member's bytes as a stream. */
  open(name: string): Promise<Readable>;
  close(): void;
}

/** A member larger than the reader accepts. */
export class ZipMemberTooLarge extends Error {
  override readonly name = 'ZipMemberTooLarge';
}

/** Opens a ZIP file and reads its directory. */
export async function openZip(path: string): Promise<ZipReader> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: true });
  const entries = new Map<string, yauzl.Entry>();
  const duplicates: string[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue; // a directory
      if (entries.has(entry.fileName)) duplicates.push(entry.fileName);
      else entries.set(entry.fileName, entry);
    }
  } catch (error) {
    zip.close();
    throw error;
  }
  const entryOf = (name: string): yauzl.Entry => {
    const entry = entries.get(name);
    if (!entry) throw new Error(`${name} is not in the archive`);
    return entry;
  };
  return {
    names: new Set(entries.keys()),
    duplicates,
    open: (name) => zip.openReadStreamPromise(entryOf(name)),
    async read(name, maxBytes) {
      const entry = entryOf(name);
      if (entry.uncompressedSize > maxBytes)
        throw new ZipMemberTooLarge(`${name} is larger than ${maxBytes} bytes`);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of await zip.openReadStreamPromise(entry)) {
        const bytes = chunk as Buffer;
        size += bytes.length;
        if (size > maxBytes) throw new ZipMemberTooLarge(`${name} is larger than ${maxBytes} bytes`);
        chunks.push(bytes);
      }
      return Buffer.concat(chunks);
    },
    close: () => zip.close(),
  };
}
