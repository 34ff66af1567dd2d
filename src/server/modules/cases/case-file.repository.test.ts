import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../test/db.js';
import type { Db } from '../../db/client.js';
import { makeCaseDocument, makeReadyCase, makeStationUser } from '../../../../test/factories.js';
import { createFsBlobStore } from '../../platform/blob-store/fs-blob-store.js';
import { loadCaseFile, findDocumentsOfCase } from './case-file.repository.js';
import { custodyOfCaseQuery } from './custody.repository.js';
import { partiesOfCaseQuery } from './parties.repository.js';

const { db } = await useTestDatabase();
const caseRow = (db: Db, id: string) =>
  db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const blobs = createFsBlobStore(await fs.mkdtemp(path.join(os.tmpdir(), 'cb-case-file-')));

describe('loadCaseFile', () => {
  it('reads in one statement exactly what the three lists read on their own (Dates and all)', async () => {
    const { actor } = await makeStationUser(db);
    const opened = await makeReadyCase({ db, blobs }, actor, {
      custodySince: new Date(Date.now() - 3 * 3600_000),
    });
    await makeCaseDocument({ db, blobs }, actor, opened.id, { kind: 'evidence' });
    const row = await caseRow(db, opened.id);

    const file = await loadCaseFile(db, row);

    expect(file.parties).toHaveLength(2);
    expect(file.custody).toHaveLength(1);
    expect(file.documents).toHaveLength(2);
    expect(file.parties).toEqual(await partiesOfCaseQuery(db, row.id).execute());
    expect(file.custody).toEqual(await custodyOfCaseQuery(db, row.id).execute());
    expect(file.documents).toEqual(await findDocumentsOfCase(db, row.id));
    expect(file.custody[0]?.started_at).toBeInstanceOf(Date);
    expect(file.custody[0]?.ended_at).toBeNull();
  });

  it('gives empty lists for a case with nothing in it yet', async () => {
    const { actor } = await makeStationUser(db);
    const opened = await makeReadyCase({ db, blobs }, actor);
    await db.deleteFrom('case_documents').where('case_id', '=', opened.id).execute();
    await db.deleteFrom('parties').where('case_id', '=', opened.id).execute();
    const row = await caseRow(db, opened.id);
    expect(await loadCaseFile(db, row)).toEqual({ row, parties: [], custody: [], documents: [] });
  });
});
