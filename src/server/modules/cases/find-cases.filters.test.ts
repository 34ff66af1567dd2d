import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeCase, makeParty, makeStationUser } from '../../../../test/factories.js';
import type { App } from '../../platform/http/fastify-app.js';
import { startCustody } from './custody.usecase.js';

const { db } = await useTestDatabase();

describe('listing a station\u2019s cases for its dashboard', () => {
  let app: App;
  let cookie: string;
  let held: string;
  let returned: string;

  beforeAll(async () => {
    ({ app } = await useTestApp(db));
    const { user, actor } = await makeStationUser(db);
    cookie = await signIn(app, user.username);
    held = (await makeCase(db, actor)).id;
    const accused = await makeParty(db, actor, held);
    await startCustody({
      db,
      clock: { now: () => new Date() },
      actor,
      ip: null,
      caseId: held,
      body: { partyId: accused.id, startedAt: new Date(Date.now() - 3_600_000).toISOString() },
    });
    returned = (await makeCase(db, actor)).id;
    await db
      .updateTable('cases')
      .set({ status: 'returned', sent_at: new Date('2026-11-28T08:00:00Z') })
      .where('id', '=', returned)
      .execute();
    await makeCase(db, actor);
  });

  const list = async (query: string) =>
    (await app.inject({ method: 'GET', url: `/api/cases?${query}`, headers: { cookie } })).json();

  it('lists only the cases with a custody still running', async () => {
    const page = await list('inCustody=true');
    expect(page.items.map((c: { id: string }) => c.id)).toEqual([held]);
    expect(page.items[0].custodyDeadlineAt).toBeTruthy();
    expect((await list('inCustody=false')).items).toHaveLength(2);
  });

  it('lists only the cases in one state, with the time they were sent', async () => {
    const page = await list('status=returned');
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id: returned,
      status: 'returned',
      sentAt: '2026-11-28T08:00:00.000Z',
    });
  });

  it('refuses a malformed filter with its field path', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/cases?inCustody=maybe', headers: { cookie } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toBe('querystring.inCustody');
  });
});
