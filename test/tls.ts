import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { makeTestPki, type TestPki } from './pki.js';

export type { TestPki } from './pki.js';

/**
 * Makes, with the machine's `openssl`, a CA and a certificate for 127.0.0.1 and localhost signed by it, in
 * a temporary folder removed after the file's tests. Nothing of it is kept in the repository.
 */
export async function useTestPki(): Promise<TestPki> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-pki-'));
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));
  return makeTestPki(dir);
}
