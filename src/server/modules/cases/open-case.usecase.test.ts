import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../test/db.js';
import { makeCase, makeStationUser } from '../../../../test/factories.js';
import type { Actor } from '../../../domain/permissions.js';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../platform/clock.js';
import { openCase } from './open-case.usecase.js';

describe('opening a case file', () => {
  let db: Db;
  let actor: Actor;

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    ({ actor } = await makeStationUser(db));
  });

  it('gives 20 cases opened at once 20 distinct, consecutive numbers', async () => {
    const { actor: fresh } = await makeStationUser(db);
    const opened = await Promise.all(
      Array.from({ length: 20 }, () => makeCase(db, fresh, { origin: 'officer_report' })),
    );
    const seqs = opened.map((c) => Number(c.caseNumber.split('/')[1])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(opened.map((c) => c.caseNumber)).size).toBe(20);
  });

  it('numbers per station and per Jalali year, restarting at Nowruz', async () => {
    const { actor: other } = await makeStationUser(db);
    const clock = fixedClock('2026-03-20T12:00:00Z'); // 1404/12/29 in Tehran
    const last1404 = await makeCase(db, actor, {}, clock);
    clock.set('2026-03-21T06:00:00Z'); // 1405/01/01
    const first1405 = await makeCase(db, actor, {}, clock);
    const second1405 = await makeCase(db, actor, {}, clock);
    const otherStation = await makeCase(db, other, {}, clock);
    expect(last1404.caseNumber).toMatch(/^1404\/\d{6}$/);
    expect([first1405.caseNumber, second1405.caseNumber]).toEqual(['1405/000001', '1405/000002']);
    expect(otherStation.caseNumber).toBe('1405/000001');
  });

  it('gives a complaint an unambiguous tracking code, and other origins none', async () => {
    const complaint = await makeCase(db, actor, { origin: 'complaint' });
    expect(complaint.trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
    expect((await makeCase(db, actor, { origin: 'flagrant' })).trackingCode).toBeNull();
    expect((await makeCase(db, actor, { origin: 'officer_report' })).trackingCode).toBeNull();
  });

  it('draws again when a tracking code is already taken, so codes stay unique', async () => {
    const first = await makeCase(db, actor);
    const draws = [first.trackingCode ?? '', 'ZZZ-ZZZ-ZZ2'];
    const second = await openCase({
      db,
      clock: fixedClock(new Date()),
      actor,
      ip: null,
      body: { origin: 'complaint' },
      newCode: () => draws.shift() ?? 'never',
    });
    expect(second.trackingCode).toBe('ZZZ-ZZZ-ZZ2');
  });

  it('refuses roles that do not open cases', async () => {
    await expect(makeCase(db, { ...actor, role: 'prosecutor.clerk' })).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
  });

  it('writes the opening on the timeline and in the audit log, in the same transaction', async () => {
    const opened = await makeCase(db, actor, { origin: 'flagrant' });
    const events = await db.selectFrom('case_events').selectAll().where('case_id', '=', opened.id).execute();
    expect(events.map((e) => [e.type, e.actor_user_id])).toEqual([['case.created', actor.userId]]);
    const audit = await db.selectFrom('audit_log').selectAll().where('resource_id', '=', opened.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['case.created']);
  });
});
