import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db.js';
import { makeOrganisation } from '../../../test/factories.js';
import type { Db } from './client.js';
import { listMigrations } from './migrate.js';

describe('migration 0015: one file number per office', () => {
  let db: Db;
  let client: pg.Client;
  const warnings: string[] = [];

  beforeAll(async () => {
    const test = await useTestDatabase();
    db = test.db;
    client = new pg.Client({ connectionString: test.url });
    await client.connect();
    client.on('notice', (n) => warnings.push(n.message ?? ''));
  });
  afterAll(async () => {
    await client.end();
  });

  const file = (orgId: string, fileNumber: string | null, decidedAt: string | null) => ({
    id: randomUUID(),
    org_id: orgId,
    source_node: 'node-test',
    source_org: 'KL-1',
    case_ref: randomUUID(),
    station_name: 'کلانتری ۱',
    case_number: '1405/000019',
    crime_category_code: 'theft',
    snapshot: JSON.stringify({}),
    in_custody: false,
    submitted_message_id: randomUUID(),
    received_at: new Date('2026-03-01T08:00:00Z'),
    status: fileNumber ? ('registered' as const) : ('received' as const),
    file_number: fileNumber,
    decided_at: decidedAt ? new Date(decidedAt) : null,
  });

  it('reports every repeated number, keeps it on the file registered first, suffixes the others, then refuses repeats', async () => {
    const office = await makeOrganisation(db, { kind: 'prosecutor_office' });
    const other = await makeOrganisation(db, { kind: 'prosecutor_office' });
    // As an older version left things: the index not there yet, the same number given three times.
    await client.query('drop index intake_files_file_number');
    const first = file(office.id, '1405-ک-000019', '2026-03-02T08:00:00Z');
    const second = file(office.id, '1405-ک-000019', '2026-03-03T08:00:00Z');
    const third = file(office.id, '1405-ک-000019', '2026-03-04T08:00:00Z');
    const elsewhere = file(other.id, '1405-ک-000019', '2026-03-05T08:00:00Z');
    const undecided = file(office.id, null, null);
    await db.insertInto('intake_files').values([third, first, second, elsewhere, undecided]).execute();

    const migration = (await listMigrations()).find((m) => m.version === 15);
    expect(migration).toBeDefined();
    await client.query(migration!.sql);

    const rows = await db.selectFrom('intake_files').select(['id', 'file_number']).execute();
    const numberOf = (id: string) => rows.find((r) => r.id === id)?.file_number;
    expect(numberOf(first.id)).toBe('1405-ک-000019');
    expect(numberOf(second.id)).toBe('1405-ک-000019 (2)');
    expect(numberOf(third.id)).toBe('1405-ک-000019 (3)');
    expect(numberOf(elsewhere.id)).toBe('1405-ک-000019');
    expect(numberOf(undecided.id)).toBeNull();
    expect(warnings.filter((w) => w.includes(second.id) || w.includes(third.id))).toHaveLength(2);
    expect(warnings.some((w) => w.startsWith('2 intake file(s)'))).toBe(true);

    await expect(
      db
        .insertInto('intake_files')
        .values(file(office.id, '1405-ک-000019', '2026-03-06T08:00:00Z'))
        .execute(),
    ).rejects.toMatchObject({ code: '23505' });
  });
});
