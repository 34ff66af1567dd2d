import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** A 256-bit key that seals small secrets kept in the database (AES-256-GCM). */
export interface SecretBox {
  /** `context` (say, the owner's id) is bound to the result: a sealed value moved to another row does not open. */
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
}

const VERSION = 'v1';

/** Seals and opens with one key: `v1.<iv>.<tag>.<ciphertext>` (base64url), authenticated, `purpose:context` as AAD. */
export function secretBox(key: Buffer, purpose: string): SecretBox {
  if (key.length !== 32) throw new Error('a secret box key has 32 bytes');
  const aad = (context: string) => Buffer.from(`${purpose}:${context}`, 'utf8');
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(context));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed, context) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
        .setAAD(aad(context))
        .setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

/**
 * Loads the key `<dataDir>/keys/<name>.key` (32 random bytes, base64, mode 0600), making it at first use.
 * Two processes starting at once on one folder end up with the same key.
 */
export async function loadOrCreateKeyFile(dataDir: string, name: string): Promise<Buffer> {
  const dir = path.join(dataDir, 'keys');
  const file = path.join(dir, `${name}.key`);
  try {
    return Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  // Written whole under a name of its own, then linked into place: a reader never sees half a key, and
  // of two processes racing, the second's link fails and it reads the first's key.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(tmp, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  try {
    await fs.link(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.rm(tmp, { force: true });
  }
  return Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64');
}
