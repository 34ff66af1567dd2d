import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64UrlDecode,
  base64UrlEncode,
  createSha256Stream,
  fromHex,
  hashStream,
  isSha256Hex,
  sha256,
  sha256Hex,
  toHex,
} from './hash.js';

describe('sha256Hex', () => {
  it('gives the FIPS 180-2 digests of "" and "abc"', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256(new TextEncoder().encode('abc')))).toBe(sha256Hex('abc'));
  });

  it('hashes a string as its UTF-8 bytes', () => {
    const text = 'پرونده ۱۲';
    expect(sha256Hex(text)).toBe(sha256Hex(new TextEncoder().encode(text)));
  });

  it('recognises only lower-case 64-digit hex as a SHA-256', () => {
    expect(isSha256Hex(sha256Hex('x'))).toBe(true);
    expect(isSha256Hex(sha256Hex('x').toUpperCase())).toBe(false);
    expect(isSha256Hex(sha256Hex('x').slice(1))).toBe(false);
  });
});

/** A source that yields `count` chunks of `size` bytes, each chunk filled with its number. */
function chunks(count: number, size: number): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < count; i++) yield Buffer.alloc(size, i % 256);
    })(),
  );
}

function expectedDigest(count: number, size: number): string {
  const hash = createHash('sha256');
  for (let i = 0; i < count; i++) hash.update(Buffer.alloc(size, i % 256));
  return hash.digest('hex');
}

describe('createSha256Stream', () => {
  it('passes the bytes through unchanged and gives their hash and size once the pipeline is done', async () => {
    const hasher = createSha256Stream();
    const received: Buffer[] = [];
    await pipeline(
      chunks(5, 1000),
      hasher.stream,
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          received.push(chunk);
          callback();
        },
      }),
    );
    expect(
      Buffer.concat(received).equals(Buffer.concat([0, 1, 2, 3, 4].map((i) => Buffer.alloc(1000, i)))),
    ).toBe(true);
    await expect(hasher.digest).resolves.toEqual({ sha256: expectedDigest(5, 1000), size: 5000 });
  });

  it('streams: each chunk reaches the destination before the source has produced the next', async () => {
    // The source waits for the destination to acknowledge every chunk. A hasher that held the bytes until
    // the end would deadlock here, so this test proves uploads are never buffered whole.
    let delivered = 0;
    let wake: (() => void) | undefined;
    const source = Readable.from(
      (async function* () {
        for (let i = 0; i < 20; i++) {
          yield Buffer.alloc(64 * 1024, i);
          const seen = i + 1;
          while (delivered < seen) await new Promise<void>((resolve) => (wake = resolve));
        }
      })(),
    );
    const hasher = createSha256Stream();
    await pipeline(
      source,
      hasher.stream,
      new Writable({
        highWaterMark: 1,
        write(chunk: Buffer, _encoding, callback) {
          delivered++;
          wake?.();
          callback();
        },
      }),
    );
    expect(delivered).toBe(20);
    await expect(hasher.digest).resolves.toEqual({
      sha256: expectedDigest(20, 64 * 1024),
      size: 20 * 64 * 1024,
    });
  });

  it('rejects the digest when the upload fails half-way', async () => {
    const hasher = createSha256Stream();
    const failing = Readable.from(
      (function* () {
        yield Buffer.from('first');
        throw new Error('connection reset');
      })(),
    );
    const sink = new Writable({ write: (_c, _e, callback) => callback() });
    await expect(pipeline(failing, hasher.stream, sink)).rejects.toThrow('connection reset');
    await expect(hasher.digest).rejects.toThrow();
  });
});

describe('hashStream', () => {
  it('gives the same hash and size as hashing the bytes at once', async () => {
    await expect(hashStream(chunks(3, 10))).resolves.toEqual({ sha256: expectedDigest(3, 10), size: 30 });
    await expect(hashStream(Readable.from([]))).resolves.toEqual({ sha256: sha256Hex(''), size: 0 });
  });
});

describe('base64url', () => {
  it('encodes without padding in the URL-safe alphabet', () => {
    expect(base64UrlEncode(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base64UrlEncode('{"alg":"EdDSA"}')).toBe('eyJhbGciOiJFZERTQSJ9');
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(base64UrlDecode(base64UrlEncode(bytes))).toEqual(bytes);
      }),
    );
  });

  it('refuses padding, the standard alphabet, impossible lengths and non-zero trailing bits', () => {
    expect(base64UrlDecode('-_8=')).toBeNull();
    expect(base64UrlDecode('+/8')).toBeNull();
    expect(base64UrlDecode('AAAAA')).toBeNull();
    expect(base64UrlDecode('AB')).toBeNull(); // would decode to 0x00, whose only encoding is "AA"
    expect(base64UrlDecode('AA')).toEqual(new Uint8Array([0]));
    expect(base64UrlDecode('')).toEqual(new Uint8Array());
  });
});

describe('hex', () => {
  it('round-trips bytes and refuses what is not hex', () => {
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
    expect(fromHex('000FfF')).toEqual(new Uint8Array([0, 15, 255]));
    expect(fromHex('abc')).toBeNull();
    expect(fromHex('zz')).toBeNull();
  });
});
