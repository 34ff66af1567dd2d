import fs from 'node:fs/promises';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import {
  exportPrivateJwk,
  exportPublicJwk,
  generateSigningKeyPair,
  importPrivateJwk,
  publicKeyOf,
  type Ed25519PublicJwk,
} from '../../../platform/crypto/signing.js';

/** The key this node signs with now. */
export interface Signer {
  nodeId: string;
  kid: string;
  privateKey: KeyObject;
}

/** The node's keyring: the current signing key and every public key it ever signed with. */
export interface NodeKeys {
  signer: Signer;
  publicKeys: { kid: string; jwk: Ed25519PublicJwk; createdAt: string; retiredAt: string | null }[];
}

interface Keyring {
  current: string;
  keys: { kid: string; createdAt: string; retiredAt: string | null }[];
}

const keysDir = (dataDir: string) => path.join(dataDir, 'keys');
const keyFile = (dataDir: string, kid: string) => path.join(keysDir(dataDir), `${kid}.private.jwk.json`);
const keyringFile = (dataDir: string) => path.join(keysDir(dataDir), 'keyring.json');

async function writeKey(dataDir: string, now: Date): Promise<{ kid: string; createdAt: string }> {
  const { privateKey, kid } = generateSigningKeyPair();
  await fs.mkdir(keysDir(dataDir), { recursive: true, mode: 0o700 });
  await fs.writeFile(keyFile(dataDir, kid), JSON.stringify(exportPrivateJwk(privateKey)), {
    mode: 0o600,
    flag: 'wx',
  });
  return { kid, createdAt: now.toISOString() };
}

async function writeKeyring(dataDir: string, keyring: Keyring): Promise<void> {
  const tmp = `${keyringFile(dataDir)}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(keyring, null, 2), { mode: 0o600 });
  await fs.rename(tmp, keyringFile(dataDir));
}

async function readKeyring(dataDir: string): Promise<Keyring | null> {
  try {
    return JSON.parse(await fs.readFile(keyringFile(dataDir), 'utf8')) as Keyring;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Loads the node's Ed25519 keys from `<dataDir>/keys` (private keys in files of mode 0600), making
 * the first one at first start.
 */
export async function loadOrCreateNodeKeys(input: {
  dataDir: string;
  nodeId: string;
  now?: Date;
}): Promise<NodeKeys> {
  let keyring = await readKeyring(input.dataDir);
  if (!keyring) {
    const first = await writeKey(input.dataDir, input.now ?? new Date());
    keyring = { current: first.kid, keys: [{ ...first, retiredAt: null }] };
    await writeKeyring(input.dataDir, keyring);
  }
  const publicKeys = await Promise.all(
    keyring.keys.map(async (k) => {
      const privateKey = importPrivateJwk(
        JSON.parse(await fs.readFile(keyFile(input.dataDir, k.kid), 'utf8')),
      );
      return { ...k, jwk: exportPublicJwk(publicKeyOf(privateKey)), privateKey };
    }),
  );
  const current = publicKeys.find((k) => k.kid === keyring.current);
  if (!current) throw new Error(`keyring names a current key ${keyring.current} that is not there`);
  return {
    signer: { nodeId: input.nodeId, kid: current.kid, privateKey: current.privateKey },
    publicKeys: publicKeys.map(({ kid, jwk, createdAt, retiredAt }) => ({ kid, jwk, createdAt, retiredAt })),
  };
}

/**
 * Makes a new signing key and retires the current one. Retired keys are kept: signatures made with
 * them stay verifiable (peers keep their public keys until they are revoked).
 */
export async function rotateNodeKey(input: {
  dataDir: string;
  now?: Date;
}): Promise<{ kid: string; retired: string }> {
  const keyring = await readKeyring(input.dataDir);
  if (!keyring) throw new Error('no keyring yet: start the node once first');
  const now = input.now ?? new Date();
  const next = await writeKey(input.dataDir, now);
  const retired = keyring.current;
  keyring.keys = keyring.keys.map((k) => (k.kid === retired ? { ...k, retiredAt: now.toISOString() } : k));
  keyring.keys.push({ ...next, retiredAt: null });
  keyring.current = next.kid;
  await writeKeyring(input.dataDir, keyring);
  return { kid: next.kid, retired };
}
