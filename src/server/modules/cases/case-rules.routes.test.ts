import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeReadyCase, makeStationUser, makeUser, sendCase } from '../../../../test/factories.js';
import type { Actor } from '../../../domain/permissions.js';
import { fixedClock } from '../../platform/clock.js';

const { db } = await useTestDatabase();
const NOW = '2026-03-21T10:00:00Z';
const clock = fixedClock(NOW);
const { app, blobs, exchange } = await useTestApp(db, { clock });
const HOUR = 3_600_000;
const hoursBefore = (iso: string, h: number) => new Date(Date.parse(iso) - h * HOUR).toISOString();

type Method = 'GET' | 'POST' | 'PATCH';

describe('the business rules of a station\u2019s case file', () => {
  let cookie: string;
  let officer: Actor;
  let chief: Actor;

  const call = (method: Method, url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const error = (res: { json(): unknown }) =>
    (res.json() as { error: { code: string; message: string; issues?: { path: string; code: string }[] } })
      .error;

  async function caseWithAccused(body: object = {}) {
    const opened = await call('POST', '/api/cases', { origin: 'flagrant', ...body });
    expect(opened.statusCode).toBe(201);
    const id = opened.json().id as string;
    const party = await call('POST', `/api/cases/${id}/parties`, {
      role: 'accused',
      firstName: 'رضا',
      lastName: 'کریمی',
    });
    expect(party.statusCode).toBe(201);
    return { id, partyId: party.json().id as string };
  }

  beforeAll(async () => {
    const station = await makeStationUser(db);
    officer = station.actor;
    cookie = await signIn(app, station.user.username);
    const chiefUser = await makeUser(db, station.station.id, 'station.chief');
    chief = { userId: chiefUser.id, orgId: station.station.id, role: 'station.chief' };
  });

  it('refuses a custody starting before the incident with custody.start_before_incident, and stores none', async () => {
    const incidentAt = hoursBefore(NOW, 3);
    const { id, partyId } = await caseWithAccused({ incidentAt });
    const res = await call('POST', `/api/cases/${id}/custody`, { partyId, startedAt: hoursBefore(NOW, 4) });
    expect(res.statusCode).toBe(400);
    expect(error(res)).toMatchObject({
      code: 'custody.start_before_incident',
      issues: [{ path: 'body.startedAt', code: 'custody.start_before_incident' }],
    });
    expect(error(res).message).toContain('body.startedAt');
    const none = await db.selectFrom('custody_records').select('id').where('case_id', '=', id).execute();
    expect(none).toEqual([]);
    const ok = await call('POST', `/api/cases/${id}/custody`, { partyId, startedAt: incidentAt });
    expect(ok.statusCode).toBe(201);
  });

  it('without an incident time, refuses a custody more than 72 hours before the case was opened (or in 1900)', async () => {
    const { id, partyId } = await caseWithAccused();
    for (const startedAt of ['1900-01-01T00:00:00Z', hoursBefore(NOW, 73)]) {
      const res = await call('POST', `/api/cases/${id}/custody`, { partyId, startedAt });
      expect(res.statusCode).toBe(400);
      expect(error(res).code).toBe('custody.start_before_case');
    }
    const future = await call('POST', `/api/cases/${id}/custody`, {
      partyId,
      startedAt: new Date(Date.parse(NOW) + 60_000).toISOString(),
    });
    expect(error(future).code).toBe('custody.time_in_future');
    const ok = await call('POST', `/api/cases/${id}/custody`, { partyId, startedAt: hoursBefore(NOW, 71) });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses an incident time that would put a custody already recorded before the incident', async () => {
    const { id, partyId } = await caseWithAccused();
    await call('POST', `/api/cases/${id}/custody`, { partyId, startedAt: hoursBefore(NOW, 2) });
    const res = await call('PATCH', `/api/cases/${id}`, { incidentAt: hoursBefore(NOW, 1) });
    expect(res.statusCode).toBe(400);
    expect(error(res).issues).toEqual([{ path: 'body.incidentAt', code: 'custody.start_before_incident' }]);
    const row = await db.selectFrom('cases').select('incident_at').where('id', '=', id).executeTakeFirst();
    expect(row?.incident_at).toBeNull();
    expect((await call('PATCH', `/api/cases/${id}`, { incidentAt: hoursBefore(NOW, 2) })).statusCode).toBe(
      200,
    );
  });

  it('after sending, ends a custody for "other" only with the reason in words, and records that it came after', async () => {
    const ready = await makeReadyCase({ db, blobs, clock }, officer, {
      custodySince: new Date(hoursBefore(NOW, 5)),
    });
    await sendCase({ db, clock, exchange }, { caseId: ready.id, officer, chief });
    const custody = await db
      .selectFrom('custody_records')
      .select('id')
      .where('case_id', '=', ready.id)
      .executeTakeFirstOrThrow();
    const url = `/api/cases/${ready.id}/custody/${custody.id}/end`;
    const bare = await call('POST', url, { endedAt: hoursBefore(NOW, 1), endReason: 'other' });
    expect(bare.statusCode).toBe(400);
    expect(error(bare).issues).toEqual([{ path: 'body.endNote', code: 'custody.change_reason_required' }]);
    const said = await call('POST', url, {
      endedAt: hoursBefore(NOW, 1),
      endReason: 'other',
      endNote: 'به دستور دادیار کشیک آزاد شد',
    });
    expect(said.statusCode).toBe(200);
    const timeline = (await call('GET', `/api/cases/${ready.id}/timeline`)).json() as {
      items: { type: string; details: Record<string, unknown> }[];
    };
    expect(timeline.items.find((e) => e.type === 'custody.ended')?.details).toMatchObject({
      endReason: 'other',
      afterSending: true,
    });
  });

  it('answers opening, changing and adding to a case in the shape the case is read in', async () => {
    const { id, partyId } = await caseWithAccused({ narrative: 'روایت' });
    const read = async () => (await call('GET', `/api/cases/${id}`)).json();
    const updated = await call('PATCH', `/api/cases/${id}`, { narrative: 'روایت تازه' });
    expect(updated.json()).toEqual(await read());
    const custody = await call('POST', `/api/cases/${id}/custody`, {
      partyId,
      startedAt: hoursBefore(NOW, 1),
    });
    expect((await read()).custody).toEqual([custody.json()]);
    const party = await call('PATCH', `/api/cases/${id}/parties/${partyId}`, { fatherName: 'حسن' });
    expect((await read()).parties).toContainEqual(party.json());
  });

  it('refuses a national ID whose digits 4 to 9 are zero, and takes one typed with spaces or dashes', async () => {
    const { id } = await caseWithAccused();
    const party = (nationalId: string) =>
      call('POST', `/api/cases/${id}/parties`, {
        role: 'witness',
        firstName: 'سارا',
        lastName: 'نوری',
        nationalId,
      });
    const zeros = await party('1230000003');
    expect(zeros.statusCode).toBe(400);
    expect(error(zeros).issues).toContainEqual({
      path: 'body.nationalId',
      code: 'parties.invalid_national_id',
    });
    const typed = await party('۰۴۹ ۹۳۷-۰۸۹۹');
    expect(typed.statusCode).toBe(201);
    expect(typed.json().nationalId).toBe('0499370899');
  });
});
