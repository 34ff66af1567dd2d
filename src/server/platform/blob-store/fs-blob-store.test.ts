import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { describeBlobStoreContract } from './blob-store.contract.js';
import { createFsBlobStore } from './fs-blob-store.js';

const makeRoot = () => fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-blobs-'));

/** Every file under a folder, as paths relative to it. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

describeBlobStoreContract('local-disk', async () => {
  const root = await makeRoot();
  return { store: createFsBlobStore(root), cleanup: () => fs.rm(root, { recursive: true, force: true }) };
});

describe('the local-disk blob store', () => {
  it('lays blobs out as ab/cd/<sha256>, readable by the node\u2019s user only', async () => {
    const root = await makeRoot();
    const store = createFsBlobStore(root);
    const stored = await store.put(Readable.from([Buffer.from('a scanned report')]), { maxBytes: 100 });
    const file = path.join(stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256);
    expect(await filesUnder(root)).toEqual([file]);
    expect((await fs.stat(path.join(root, file))).mode & 0o777).toBe(0o600);
    await fs.rm(root, { recursive: true, force: true });
  });

  it('keeps one file for the same content put twice', async () => {
    const root = await makeRoot();
    const store = createFsBlobStore(root);
    await store.put(Readable.from([Buffer.from('twice')]), { maxBytes: 100 });
    await store.put(Readable.from([Buffer.from('twice')]), { maxBytes: 100 });
    expect(await filesUnder(root)).toHaveLength(1);
    await fs.rm(root, { recursive: true, force: true });
  });

  it('leaves no temporary file behind after a refused or failed write', async () => {
    const root = await makeRoot();
    const store = createFsBlobStore(root);
    await store.put(Readable.from([Buffer.alloc(200)]), { maxBytes: 100 }).catch(() => undefined);
    const failing = Readable.from(
      (async function* () {
        yield Buffer.from('half');
        throw new Error('connection reset');
      })(),
    );
    await store.put(failing, { maxBytes: 100 }).catch(() => undefined);
    expect(await filesUnder(root)).toEqual([]);
    await fs.rm(root, { recursive: true, force: true });
  });

  it('never reads outside its folder, whatever name it is asked for', async () => {
    const root = await makeRoot();
    const outside = path.join(root, '..', `${path.basename(root)}-secret`);
    await fs.writeFile(outside, 'secret');
    const store = createFsBlobStore(root);
    const relative = path.relative(root, outside);
    await expect(store.get(relative)).rejects.toMatchObject({ code: 'documents.not_found' });
    await store.remove(relative);
    expect(await fs.readFile(outside, 'utf8')).toBe('secret');
    await fs.rm(outside, { force: true });
    await fs.rm(root, { recursive: true, force: true });
  });
});
