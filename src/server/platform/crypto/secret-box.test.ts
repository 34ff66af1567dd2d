import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateKeyFile, secretBox } from './secret-box.js';

describe('sealing small secrets for the database', () => {
  it('opens what it sealed, and nothing sealed for another owner or with another key', async () => {
    const box = secretBox(Buffer.alloc(32, 7), 'test');
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP', 'user-1')).not.toBe(sealed); // a fresh IV each time
    expect(box.open(sealed, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed, 'user-2')).toThrow();
    expect(() => secretBox(Buffer.alloc(32, 8), 'test').open(sealed, 'user-1')).toThrow();
    expect(() => secretBox(Buffer.alloc(32, 7), 'other').open(sealed, 'user-1')).toThrow();
  });

  it('makes the key file once, readable by the owner only, and reads the same key after', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-box-'));
    try {
      const [a, b] = await Promise.all([
        loadOrCreateKeyFile(dataDir, 'k'),
        loadOrCreateKeyFile(dataDir, 'k'),
      ]);
      expect(a).toHaveLength(32);
      expect(b.equals(a)).toBe(true);
      expect((await loadOrCreateKeyFile(dataDir, 'k')).equals(a)).toBe(true);
      const stat = await fs.stat(path.join(dataDir, 'keys', 'k.key'));
      expect(stat.mode & 0o777).toBe(0o600);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
