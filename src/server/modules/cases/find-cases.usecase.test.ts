import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../test/db.js';
import { makeCase, makeParty, makeStationUser } from '../../../../test/factories.js';
import { readActions } from '../../../domain/audit-actions.js';
import { findCasesQuerySchema } from '../../../domain/cases/case.schema.js';
import type { Actor } from '../../../domain/permissions.js';
import { toPersianDigits } from '../../../domain/persian-text.js';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../platform/clock.js';
import { findCases } from './find-cases.usecase.js';

const NATIONAL_ID = '0499370899';

describe('finding a station\u2019s cases', () => {
  let db: Db;
  let actor: Actor;
  let otherActor: Actor;
  let arabicSpelt: { id: string; caseNumber: string; trackingCode: string | null };
  let persianSpelt: { id: string };
  let older: { id: string };

  const search = async (q: string | undefined, as: Actor = actor, pageSize = 20, cursor?: string) =>
    findCases({
      db,
      clock: fixedClock(new Date()),
      actor: as,
      ip: '127.0.0.1',
      query: {
        ...(q === undefined ? {} : { q }),
        ...(cursor === undefined ? {} : { cursor: findCasesQuerySchema.parse({ cursor }).cursor }),
        pageSize,
      },
    });
  const ids = async (q: string, as?: Actor) => (await search(q, as)).items.map((c) => c.id);

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    ({ actor } = await makeStationUser(db));
    ({ actor: otherActor } = await makeStationUser(db));
    const clock = fixedClock('2026-04-01T08:00:00Z');
    older = await makeCase(db, actor, { origin: 'officer_report' }, clock);
    await makeParty(db, actor, older.id, { firstName: 'بهرام', lastName: 'نوری' }, clock);
    clock.advance(60_000);
    // «علي كاظمي» with Arabic ي and ك, and a national ID.
    arabicSpelt = await makeCase(db, actor, {}, clock);
    await makeParty(
      db,
      actor,
      arabicSpelt.id,
      { role: 'complainant', firstName: 'علي', lastName: 'كاظمي', nationalId: NATIONAL_ID },
      clock,
    );
    clock.advance(60_000);
    // «زهرا یزدانی» with Persian ی.
    persianSpelt = await makeCase(db, actor, { origin: 'flagrant' }, clock);
    await makeParty(db, actor, persianSpelt.id, { firstName: 'زهرا', lastName: 'یزدانی' }, clock);
    // The same names at another station.
    const theirs = await makeCase(db, otherActor, {}, clock);
    await makeParty(
      db,
      otherActor,
      theirs.id,
      { role: 'complainant', firstName: 'علی', lastName: 'کاظمی', nationalId: NATIONAL_ID },
      clock,
    );
  });

  it('finds a name stored with Arabic ي/ك by a query typed with Persian ی/ک', async () => {
    expect(await ids('کاظمی')).toEqual([arabicSpelt.id]);
    expect(await ids('علی کاظمی')).toEqual([arabicSpelt.id]);
  });

  it('finds a name stored with Persian ی by a query typed with Arabic ي', async () => {
    expect(await ids('يزداني')).toEqual([persianSpelt.id]);
  });

  it('finds a national ID typed in Persian digits', async () => {
    expect(await ids(toPersianDigits(NATIONAL_ID))).toEqual([arabicSpelt.id]);
  });

  it('still finds a name misspelt by one letter', async () => {
    expect(await ids('کاظمو')).toContain(arabicSpelt.id); // last letter wrong
    expect(await ids('یزدانس')).toContain(persianSpelt.id);
  });

  it('finds a case by its number (padded or not) and by its tracking code typed loosely, exactly', async () => {
    expect(await ids(arabicSpelt.caseNumber)).toEqual([arabicSpelt.id]);
    const [year, seq] = arabicSpelt.caseNumber.split('/');
    expect(await ids(toPersianDigits(`${year}/${Number(seq)}`))).toEqual([arabicSpelt.id]);
    const code = arabicSpelt.trackingCode ?? '';
    expect(await ids(code.toLowerCase().replaceAll('-', ' '))).toEqual([arabicSpelt.id]);
  });

  it('never returns another station\u2019s case, however well it matches', async () => {
    const theirs = await search('علی کاظمی', otherActor);
    expect(theirs.items.map((c) => c.id)).not.toContain(arabicSpelt.id);
    expect(theirs.items).toHaveLength(1);
    expect(await ids(NATIONAL_ID, otherActor)).not.toContain(arabicSpelt.id);
    expect(await ids(arabicSpelt.caseNumber, otherActor)).not.toContain(arabicSpelt.id);
    expect(await ids(arabicSpelt.trackingCode ?? '', otherActor)).toEqual([]);
    expect(await ids(NATIONAL_ID)).toEqual([arabicSpelt.id]);
  });

  it('lists every case of the station newest first without a query, page after page by keyset, no total', async () => {
    const all = await search(undefined);
    expect(all).toMatchObject({ next: null });
    expect(all).not.toHaveProperty('total');
    expect(all.items.map((c) => c.id)).toEqual([persianSpelt.id, arabicSpelt.id, older.id]);
    const first = await search(undefined, actor, 2);
    expect(first.items.map((c) => c.id)).toEqual([persianSpelt.id, arabicSpelt.id]);
    expect(first.next).toEqual(expect.any(String));
    const second = await search(undefined, actor, 2, first.next ?? '');
    expect(second).toMatchObject({ next: null, items: [{ id: older.id, partyNames: ['بهرام نوری'] }] });
  });

  it('refuses a cursor it did not make, as a 400 naming the field', () => {
    for (const cursor of ['x', 'WyJhIl0', 'eyJhIjoxfQ', '%%%', 'WzEsMiwzXQ'])
      expect(findCasesQuerySchema.safeParse({ cursor }).error?.issues[0]).toMatchObject({
        path: ['cursor'],
        message: 'list.invalid_cursor',
      });
  });

  it('puts the best match first, before newer cases that match less well', async () => {
    await makeParty(db, actor, persianSpelt.id, { role: 'witness', firstName: 'کاظم', lastName: 'کاظمیان' });
    expect(await ids('کاظمی')).toEqual([arabicSpelt.id, persianSpelt.id]);
  });

  it('pages a ranked search by keyset too: every match once, best first', async () => {
    const whole = (await search('کاظمی')).items.map((c) => c.id);
    expect(whole.length).toBeGreaterThanOrEqual(2);
    const first = await search('کاظمی', actor, 1);
    expect(first.items.map((c) => c.id)).toEqual(whole.slice(0, 1));
    const rest = await search('کاظمی', actor, 20, first.next ?? '');
    expect([...first.items, ...rest.items].map((c) => c.id)).toEqual(whole);
    expect(rest.next).toBeNull();
  });

  it('keeps the search key up to date when parties change', async () => {
    const c = await makeCase(db, actor, { origin: 'flagrant' });
    expect(await ids('فرامرز')).toEqual([]);
    await makeParty(db, actor, c.id, { firstName: 'فرامرز', lastName: 'پایور' });
    expect(await ids('فرامرز')).toEqual([c.id]);
  });

  it('audits a search with the ids it showed, but not the query', async () => {
    await search('یزدانی');
    // In the read log (decision 0011): who, when, from where, the ids shown — nothing else.
    const row = await db
      .selectFrom('audit_reads')
      .selectAll()
      .where('action', '=', readActions.indexOf('case.searched'))
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      actor_user_id: actor.userId,
      org_id: actor.orgId,
      ip: '127.0.0.1',
      resource_ids: [persianSpelt.id],
    });
    expect(JSON.stringify(row)).not.toMatch(/یزدانی|yzdani|izdani/);
  });
});
