/**
 * Writes a ZIP to a file as a stream (yazl): small members from memory, large ones (documents) opened
 * one at a time, only when the archive reaches them, so nothing big is ever held in memory and no more
 * than one document is open at once. The file appears under its name only when complete.
 */
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** One member of the archive: bytes in memory, or a stream opened when the archive gets to it. */
export type ZipMember =
  | { name: string; data: string | Uint8Array; compress?: boolean }
  | { name: string; open: () => Promise<Readable>; compress?: boolean };

/** Writes the members in order to `outFile` (through `<outFile>.part`, renamed at the end). Returns the size in bytes. */
export async function writeZipFile(
  outFile: string,
  members: readonly ZipMember[],
  mtime: Date,
): Promise<number> {
  const zip = new ZipFile();
  const part = `${outFile}.part`;
  // yazl reports a failing member on the ZipFile: end the output with it, so the pipeline fails too.
  const output = zip.outputStream as Readable;
  zip.once('error', (error: Error) => output.destroy(error));
  for (const member of members) {
    const options = { mtime, compress: member.compress ?? true };
    if ('data' in member) {
      zip.addBuffer(Buffer.from(member.data), member.name, options);
    } else {
      zip.addReadStreamLazy(member.name, options, (callback) => {
        member.open().then(
          (stream) => callback(null, stream),
          (error: unknown) => callback(error, Readable.from([])),
        );
      });
    }
  }
  zip.end();
  try {
    await pipeline(output, createWriteStream(part, { mode: 0o600 }));
    await fs.rename(part, outFile);
  } catch (error) {
    await fs.rm(part, { force: true });
    throw error;
  }
  return (await fs.stat(outFile)).size;
}
