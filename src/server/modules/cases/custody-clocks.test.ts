import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../test/db.js';
import { makeCase, makeParty, makeStationUser, makeUser } from '../../../../test/factories.js';
import type { Actor } from '../../../domain/permissions.js';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../platform/clock.js';
import { createLogger } from '../../platform/logger.js';
import {
  adoptUntrackedCustodies,
  annotateBreach,
  fireDueClocks,
  getCaseClocks,
  startClockScheduler,
} from '../clocks/index.js';
import { createNotifications } from '../notifications/index.js';
import { endCustody, startCustody } from './custody.usecase.js';

const HOUR = 3_600_000;
const log = createLogger('silent');

/**
 * The Art. 46 custody clock, driven by a clock the test moves: thresholds at 4 h, 1 h and 15 min before
 * the 24 hours, then the breach; each once, in order, to the officer who recorded it and the station chief.
 */
describe('the custody clock', () => {
  let db: Db;
  let officer: Actor;
  let chief: Actor;
  let otherStationChief: Actor;
  const t0 = new Date('2026-11-01T08:00:00Z');

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    const made = await makeStationUser(db);
    officer = made.actor;
    const chiefUser = await makeUser(db, made.station.id, 'station.chief');
    chief = { userId: chiefUser.id, orgId: made.station.id, role: 'station.chief' };
    const other = await makeStationUser(db, 'station.chief');
    otherStationChief = other.actor;
  });

  /** A case with an accused held from `startedAt`, recorded at `startedAt` + 1 min; the custody's id. */
  async function custodyFrom(startedAt: Date, clock = fixedClock(startedAt)) {
    const opened = await makeCase(db, officer, {}, clock);
    const accused = await makeParty(db, officer, opened.id, {}, clock);
    clock.advance(60_000);
    const custody = await startCustody({
      db,
      clock,
      actor: officer,
      ip: null,
      caseId: opened.id,
      body: { partyId: accused.id, startedAt: startedAt.toISOString() },
    });
    return { caseId: opened.id, custodyId: custody.id, clock };
  }

  const clockOf = async (custodyId: string) =>
    db
      .selectFrom('clocks')
      .selectAll()
      .where('kind', '=', 'custody')
      .where('source_id', '=', custodyId)
      .executeTakeFirstOrThrow();
  const notificationsOf = async (clockId: string) =>
    db.selectFrom('notifications').selectAll().where('clock_id', '=', clockId).orderBy('seq').execute();

  it('fires each threshold once, in order, to the officer and the chief, then records the breach in the audit chain', async () => {
    const { caseId, custodyId, clock } = await custodyFrom(t0);
    const row = await clockOf(custodyId);
    expect(row).toMatchObject({
      state: 'running',
      legal_basis: 'CPC 1392 Art. 46',
      next_before_seconds: 14400,
    });
    expect(new Date(row.due_at).toISOString()).toBe('2026-11-02T08:00:00.000Z');

    const steps: [number, number[]][] = [
      [19.9 * HOUR, []],
      [20 * HOUR + 1000, [14400]],
      [23 * HOUR + 1000, [3600]],
      [23.75 * HOUR + 1000, [900]],
      [24 * HOUR + 1000, [0]],
      [30 * HOUR, []],
    ];
    for (const [at, expected] of steps) {
      clock.set(new Date(t0.getTime() + at));
      const fired = (await fireDueClocks({ db, clock, log })).filter((f) => f.clockId === row.id);
      expect(fired.map((f) => f.beforeSeconds)).toEqual(expected);
      expect(fired.every((f) => !f.late && f.notified === 2)).toBe(true);
    }
    const notes = await notificationsOf(row.id);
    expect(notes.map((n) => [n.kind, n.details.beforeSeconds])).toEqual([
      ['clock.alert', 14400],
      ['clock.alert', 14400],
      ['clock.alert', 3600],
      ['clock.alert', 3600],
      ['clock.alert', 900],
      ['clock.alert', 900],
      ['clock.breached', 0],
      ['clock.breached', 0],
    ]);
    expect(new Set(notes.map((n) => n.user_id))).toEqual(new Set([officer.userId, chief.userId]));
    expect(notes.some((n) => n.user_id === otherStationChief.userId)).toBe(false);

    expect(await clockOf(custodyId)).toMatchObject({ state: 'breached', next_fire_at: null });
    const breach = await db
      .selectFrom('clock_breaches')
      .selectAll()
      .where('clock_id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(breach).toMatchObject({
      case_id: caseId,
      org_id: officer.orgId,
      kind: 'custody',
      late: false,
      responsible_user_id: officer.userId,
    });
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'clock.breached')
      .where('resource_id', '=', breach.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ clockId: row.id, kind: 'custody', caseId });
    // Immutable: the table refuses a change and a deletion.
    await expect(db.deleteFrom('clock_breaches').where('id', '=', breach.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(
      db.updateTable('clock_breaches').set({ late: true }).where('id', '=', breach.id).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('records no breach for a custody ended in time (released or handed over), and tells nobody after', async () => {
    const { caseId, custodyId, clock } = await custodyFrom(new Date(t0.getTime() + 48 * HOUR));
    clock.advance(21 * HOUR);
    await fireDueClocks({ db, clock, log });
    await endCustody({
      db,
      clock,
      actor: officer,
      ip: null,
      caseId,
      custodyId,
      body: { endedAt: clock.now().toISOString(), endReason: 'handed_to_prosecutor' },
    });
    const row = await clockOf(custodyId);
    expect(row).toMatchObject({ state: 'met', next_fire_at: null });
    clock.advance(10 * HOUR);
    expect((await fireDueClocks({ db, clock, log })).filter((f) => f.clockId === row.id)).toEqual([]);
    expect(
      await db.selectFrom('clock_breaches').select('id').where('clock_id', '=', row.id).execute(),
    ).toEqual([]);
    expect((await notificationsOf(row.id)).map((n) => n.details.beforeSeconds)).toEqual([14400, 14400]);
  });

  it('fires each threshold exactly once when two schedulers run side by side over many clocks', async () => {
    const start = new Date(t0.getTime() + 96 * HOUR);
    const made = await Promise.all(Array.from({ length: 12 }, () => custodyFrom(start)));
    const ids = await Promise.all(made.map(async (m) => (await clockOf(m.custodyId)).id));
    const clock = fixedClock(new Date(start.getTime() + 23 * HOUR + 1000));
    const [a, b] = await Promise.all([
      fireDueClocks({ db, clock, log, batchSize: 3 }),
      fireDueClocks({ db, clock, log, batchSize: 3 }),
    ]);
    const mine = [...a, ...b].filter((f) => ids.includes(f.clockId));
    // Each clock: the 4 h alert (passed, caught up) and the 1 h alert, once each, whichever worker fired them.
    expect(mine).toHaveLength(24);
    const alerts = await db
      .selectFrom('clock_alerts')
      .select(['clock_id', 'before_seconds'])
      .where('clock_id', 'in', ids)
      .execute();
    expect(alerts).toHaveLength(24);
    const notes = await db.selectFrom('notifications').select('id').where('clock_id', 'in', ids).execute();
    expect(notes).toHaveLength(48);
    // The 4 h alert fired three hours late: marked so.
    expect(mine.filter((f) => f.beforeSeconds === 14400).every((f) => f.late)).toBe(true);
    expect(mine.filter((f) => f.beforeSeconds === 3600).every((f) => !f.late)).toBe(true);
  });

  it('records the breach on start, marked late, when the node was stopped across the due time', async () => {
    const { custodyId, clock } = await custodyFrom(new Date(t0.getTime() + 144 * HOUR));
    const row = await clockOf(custodyId);
    clock.advance(26 * HOUR); // nothing ran meanwhile
    const notifications = createNotifications({
      db,
      log,
      notifier: { kind: 'log', sms: null, otpTemplate: '{code}' },
    });
    const scheduler = startClockScheduler({ db, clock, log, tickMs: 60_000, notifications });
    await scheduler.idle();
    await scheduler.stop();
    const alerts = await db
      .selectFrom('clock_alerts')
      .selectAll()
      .where('clock_id', '=', row.id)
      .orderBy('before_seconds', 'desc')
      .execute();
    expect(alerts.map((a) => [a.before_seconds, a.late])).toEqual([
      [14400, true],
      [3600, true],
      [900, true],
      [0, true],
    ]);
    const breach = await db
      .selectFrom('clock_breaches')
      .selectAll()
      .where('clock_id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(breach.late).toBe(true);
    expect(new Date(breach.detected_at).getTime() - new Date(breach.due_at).getTime()).toBe(
      2 * HOUR + 60_000,
    );
  });

  it('opens clocks for running custodies written without one (the demo), so that one past 24 h becomes a breach', async () => {
    const now = new Date(t0.getTime() + 300 * HOUR);
    const opened = await makeCase(db, officer, {}, fixedClock(new Date(now.getTime() - 31 * HOUR)));
    const accused = await makeParty(db, officer, opened.id);
    const custodyId = crypto.randomUUID();
    await db
      .insertInto('custody_records')
      .values({
        id: custodyId,
        case_id: opened.id,
        org_id: officer.orgId,
        party_id: accused.id,
        started_at: new Date(now.getTime() - 30 * HOUR),
        created_at: now,
      })
      .execute();
    const clock = fixedClock(now);
    expect(await adoptUntrackedCustodies({ db, clock, log })).toBeGreaterThanOrEqual(1);
    expect(await adoptUntrackedCustodies({ db, clock, log })).toBe(0);
    await fireDueClocks({ db, clock, log });
    const row = await clockOf(custodyId);
    expect(row.state).toBe('breached');
    // Opened past its due time: only the breach fires (the earlier alerts would tell nothing new).
    const alerts = await db
      .selectFrom('clock_alerts')
      .select('before_seconds')
      .where('clock_id', '=', row.id)
      .execute();
    expect(alerts.map((a) => a.before_seconds)).toEqual([0]);
  });

  it('shows the breach on the case, annotated by the chief only; another station gets not found', async () => {
    const { caseId, custodyId, clock } = await custodyFrom(new Date(t0.getTime() + 400 * HOUR));
    clock.advance(25 * HOUR);
    await fireDueClocks({ db, clock, log });
    const seen = await getCaseClocks({ db, clock, actor: officer, caseId, ip: null });
    const breach = seen.breaches.find((b) => b.clockId === seen.clocks.find((c) => c.kind === 'custody')?.id);
    expect(breach).toMatchObject({
      kind: 'custody',
      caseId,
      responsibleUserId: officer.userId,
      annotations: [],
    });
    const body = { note: 'متهم در بیمارستان بستری بود.' };
    await expect(
      annotateBreach({ db, clock, actor: officer, breachId: breach!.id, body, ip: null }),
    ).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(
      annotateBreach({ db, clock, actor: otherStationChief, breachId: breach!.id, body, ip: null }),
    ).rejects.toMatchObject({ code: 'clocks.breach_not_found' });
    const annotated = await annotateBreach({ db, clock, actor: chief, breachId: breach!.id, body, ip: null });
    expect(annotated.annotations.map((a) => [a.note, a.annotatedBy])).toEqual([[body.note, chief.userId]]);
    expect(annotated.dueAt).toBe(breach!.dueAt);
    expect(custodyId).toBeTruthy();
  });
});
