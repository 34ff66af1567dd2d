import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyJws, signJws, importPublicJwk } from '../../../platform/crypto/signing.js';
import { loadOrCreateNodeKeys, rotateNodeKey } from './node-keys.usecase.js';

describe('the node\u2019s signing keys', () => {
  it('makes a key at first start, keeps its private part in a file of mode 0600, and finds the same key again', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-keys-'));
    const first = await loadOrCreateNodeKeys({ dataDir, nodeId: 'n1' });
    const again = await loadOrCreateNodeKeys({ dataDir, nodeId: 'n1' });
    expect(again.signer.kid).toBe(first.signer.kid);
    const file = path.join(dataDir, 'keys', `${first.signer.kid}.private.jwk.json`);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it('rotates to a new key while the old public key stays to verify old signatures', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-keys-'));
    const before = await loadOrCreateNodeKeys({ dataDir, nodeId: 'n1' });
    const oldSignature = signJws({
      payload: new TextEncoder().encode('old'),
      privateKey: before.signer.privateKey,
      kid: before.signer.kid,
    });
    const rotated = await rotateNodeKey({ dataDir });
    const after = await loadOrCreateNodeKeys({ dataDir, nodeId: 'n1' });
    expect(after.signer.kid).toBe(rotated.kid);
    expect(after.signer.kid).not.toBe(before.signer.kid);
    const old = after.publicKeys.find((k) => k.kid === before.signer.kid);
    expect(old?.retiredAt).not.toBeNull();
    const checked = verifyJws({
      jws: oldSignature,
      resolveKey: (kid) => (kid === old?.kid ? importPublicJwk(old.jwk) : null),
    });
    expect(checked.ok).toBe(true);
  });
});
