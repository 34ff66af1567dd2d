/**
 * SHA-256 and base64url, the two encodings every other crypto building block of the exchange rests on.
 * Hashes are written as lower-case hex everywhere a person or a database sees them (message hashes, document
 * hashes, QR codes); JOSE needs base64url without padding (RFC 7515 §2).
 */
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';

/** What a stream of bytes hashed to, and how many bytes it had. */
export interface StreamDigest {
  /** Lower-case hex SHA-256 of all bytes seen. */
  sha256: string;
  /** Number of bytes seen. */
  size: number;
}

/** A pass-through stream that hashes the bytes flowing through it, and the digest once they have all passed. */
export interface Sha256Stream {
  /** Put this in a `pipeline()` between the source and the destination; bytes come out unchanged. */
  stream: Transform;
  /** Resolves when the stream has ended; rejects if it is destroyed or errors first. */
  digest: Promise<StreamDigest>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** SHA-256 of bytes (or of a string's UTF-8 encoding), as 32 bytes. */
export function sha256(data: Uint8Array | string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/** SHA-256 of bytes (or of a string's UTF-8 encoding), as 64 lower-case hex digits. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Whether a string is a SHA-256 in the project's form: 64 lower-case hex digits. */
export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

/**
 * A Transform that hashes the bytes passing through it without holding them: memory stays constant whatever
 * the size of the upload. Use it in `pipeline(source, hasher.stream, destination)` and read `hasher.digest`
 * after the pipeline has finished.
 */
export function createSha256Stream(): Sha256Stream {
  const hash = createHash('sha256');
  let size = 0;
  let settle: { resolve: (d: StreamDigest) => void; reject: (e: Error) => void } | undefined;
  const digest = new Promise<StreamDigest>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The caller may read the digest only after the pipeline, or never if the pipeline fails and it rethrows
  // that error: mark the promise handled so that its rejection is not reported a second time as unhandled.
  digest.catch(() => undefined);

  const stream = new Transform({
    transform(chunk: Buffer | string, encoding, callback) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
      hash.update(bytes);
      size += bytes.length;
      callback(null, bytes);
    },
    flush(callback) {
      settle?.resolve({ sha256: hash.digest('hex'), size });
      callback();
    },
  });
  stream.once('error', (error) => settle?.reject(error));
  stream.once('close', () => settle?.reject(new Error('stream closed before it ended')));
  return { stream, digest };
}

/** Reads a stream to its end and returns its SHA-256 and size, holding one chunk at a time. */
export async function hashStream(
  source: Readable | AsyncIterable<Uint8Array | string>,
): Promise<StreamDigest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    hash.update(bytes);
    size += bytes.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Bytes as base64url without padding (RFC 4648 §5, as JOSE uses it). */
export function base64UrlEncode(data: Uint8Array | string): string {
  const bytes =
    typeof data === 'string'
      ? Buffer.from(data, 'utf8')
      : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return bytes.toString('base64url');
}

/**
 * Bytes from base64url without padding. Strict, unlike Node's decoder: it refuses padding, characters outside
 * the base64url alphabet, impossible lengths and non-zero trailing bits, so that one signature has exactly one
 * textual form. Returns null for anything else.
 */
export function base64UrlDecode(text: string): Uint8Array | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) return null;
  return new Uint8Array(bytes); // a copy: small Buffers are views into a shared pool
}

/** Bytes as lower-case hex. */
export function toHex(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex');
}

/** Bytes from hex (either case); null if the text is not an even number of hex digits. */
export function fromHex(text: string): Uint8Array | null {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) return null;
  return new Uint8Array(Buffer.from(text, 'hex'));
}
