import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeCase, makeReadyCase, makeStationUser, makeUser } from '../../../../test/factories.js';
import { fixedClock } from '../../platform/clock.js';

const { db } = await useTestDatabase();
const clock = fixedClock('2026-03-21T06:30:00Z');
const { app, blobs } = await useTestApp(db, { clock });

const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const ids = (res: { json: () => { items: { id: string }[] } }) => res.json().items.map((c) => c.id);

describe('the queues of the station\u2019s jobs and the case list\u2019s filters', () => {
  let officer: Awaited<ReturnType<typeof makeStationUser>>;
  let officerCookie: string;
  let otherOfficerCookie: string;
  let otherOfficerId: string;
  let chiefCookie: string;
  let strangerCookie: string;

  beforeAll(async () => {
    officer = await makeStationUser(db, 'station.officer');
    const chief = await makeUser(db, officer.station.id, 'station.chief');
    const other = await makeUser(db, officer.station.id, 'station.officer');
    otherOfficerId = other.id;
    officerCookie = await signIn(app, officer.user.username);
    chiefCookie = await signIn(app, chief.username);
    otherOfficerCookie = await signIn(app, other.username);
    strangerCookie = await signIn(app, (await makeStationUser(db, 'station.chief')).user.username);
  });

  it('puts a prepared case in the chief\u2019s queue; returned with a comment it is in its officer\u2019s "returned to me" with the comment, audited', async () => {
    const ready = await makeReadyCase({ db, blobs, clock }, officer.actor);
    await call(officerCookie, 'POST', `/api/cases/${ready.id}/submission/prepare`);
    const queue = await call(chiefCookie, 'GET', '/api/cases?queue=awaiting_approval');
    expect(ids(queue)).toContain(ready.id);

    const returned = await call(chiefCookie, 'POST', `/api/cases/${ready.id}/submission/return`, {
      comment: 'شماره‌ی ملی شاکی را بازبینی کنید',
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().caseStatus).toBe('draft');
    expect(ids(await call(chiefCookie, 'GET', '/api/cases?queue=awaiting_approval'))).not.toContain(ready.id);
    expect(ids(await call(officerCookie, 'GET', '/api/cases?queue=returned_to_me'))).toContain(ready.id);
    // Another officer of the station: not theirs.
    expect(ids(await call(otherOfficerCookie, 'GET', '/api/cases?queue=returned_to_me'))).not.toContain(
      ready.id,
    );
    const detail = (await call(officerCookie, 'GET', `/api/cases/${ready.id}`)).json();
    expect(detail.returnedToOfficer).toEqual({
      comment: 'شماره‌ی ملی شاکی را بازبینی کنید',
      at: clock.now().toISOString(),
    });
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('resource_id', '=', ready.id)
      .where('action', '=', 'submission.withdrawn')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({
      returnedToOfficer: true,
      comment: 'شماره‌ی ملی شاکی را بازبینی کنید',
    });

    // Put forward again: out of "returned to me", the comment cleared.
    await call(officerCookie, 'POST', `/api/cases/${ready.id}/submission/prepare`);
    expect(ids(await call(officerCookie, 'GET', '/api/cases?queue=returned_to_me'))).not.toContain(ready.id);
    expect((await call(chiefCookie, 'GET', `/api/cases/${ready.id}`)).json().returnedToOfficer).toBeNull();
  });

  it('refuses a return without a comment, by an officer, or of another station\u2019s case, and changes nothing', async () => {
    const ready = await makeReadyCase({ db, blobs, clock }, officer.actor);
    await call(officerCookie, 'POST', `/api/cases/${ready.id}/submission/prepare`);
    const url = `/api/cases/${ready.id}/submission/return`;
    const blank = await call(chiefCookie, 'POST', url, { comment: '   ' });
    expect(blank.statusCode).toBe(400);
    expect((await call(chiefCookie, 'POST', url, { comment: 'a\u0000b' })).statusCode).toBe(400);
    expect((await call(chiefCookie, 'POST', url, { comment: 'x'.repeat(2001) })).statusCode).toBe(400);
    expect((await call(officerCookie, 'POST', url, { comment: 'نه' })).statusCode).toBe(403);
    const stranger = await call(strangerCookie, 'POST', url, { comment: 'نه' });
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().error.code).toBe('cases.not_found');
    const row = await db
      .selectFrom('cases')
      .select(['status', 'returned_at'])
      .where('id', '=', ready.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'awaiting_approval', returned_at: null });
    // A draft cannot be returned.
    const draft = await makeCase(db, officer.actor, {}, clock);
    const notPrepared = await call(chiefCookie, 'POST', `/api/cases/${draft.id}/submission/return`, {
      comment: 'نه',
    });
    expect(notPrepared.json().error.code).toBe('cases.invalid_state');
  });

  it('filters by crime category, officer and period of opening, sorts oldest first, and keeps paging by keyset', async () => {
    const mine = await makeCase(db, officer.actor, { crimeCategoryCode: 'fraud' }, clock);
    const theirs = await makeCase(
      db,
      { userId: otherOfficerId, orgId: officer.station.id, role: 'station.officer' },
      { crimeCategoryCode: 'fraud' },
      fixedClock('2026-03-25T10:00:00Z'),
    );
    const fraud = ids(await call(chiefCookie, 'GET', '/api/cases?crimeCategory=fraud'));
    expect(fraud.sort()).toEqual([mine.id, theirs.id].sort());
    expect(
      ids(await call(chiefCookie, 'GET', `/api/cases?crimeCategory=fraud&officer=${otherOfficerId}`)),
    ).toEqual([theirs.id]);
    const period = '&from=2026-03-24T20:30:00Z&to=2026-03-25T20:30:00Z';
    expect(ids(await call(chiefCookie, 'GET', `/api/cases?crimeCategory=fraud${period}`))).toEqual([
      theirs.id,
    ]);
    expect(ids(await call(chiefCookie, 'GET', '/api/cases?crimeCategory=fraud&sort=oldest'))).toEqual([
      mine.id,
      theirs.id,
    ]);
    const first = await call(chiefCookie, 'GET', '/api/cases?crimeCategory=fraud&sort=oldest&pageSize=1');
    expect(ids(first)).toEqual([mine.id]);
    const next = first.json().next as string;
    expect(
      ids(
        await call(
          chiefCookie,
          'GET',
          `/api/cases?crimeCategory=fraud&sort=oldest&pageSize=1&cursor=${next}`,
        ),
      ),
    ).toEqual([theirs.id]);
    // Another station's chief sees none of them, whatever the filter.
    expect(
      ids(await call(strangerCookie, 'GET', `/api/cases?crimeCategory=fraud&officer=${otherOfficerId}`)),
    ).toEqual([]);
  });

  it('refuses bad filters with their own codes', async () => {
    const reversed = await call(
      chiefCookie,
      'GET',
      '/api/cases?from=2026-03-25T00:00:00Z&to=2026-03-24T00:00:00Z',
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.code).toBe('cases.invalid_period');
    for (const bad of ['queue=mine', 'sort=random', 'officer=x', 'from=yesterday', 'crimeCategory='])
      expect((await call(chiefCookie, 'GET', `/api/cases?${bad}`)).statusCode).toBe(400);
  });
});
