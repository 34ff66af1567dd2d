import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { deliverAll, makeReadyCase, makeStationUser, makeUser } from '../../../../test/factories.js';
import type { Actor } from '../../../domain/permissions.js';
import { fixedClock } from '../../platform/clock.js';
import { createLogger } from '../../platform/logger.js';
import { fireDueClocks } from '../clocks/index.js';
import { approveSubmission, prepareSubmission, supplementCase } from '../submission/index.js';
import { returnIntake } from './intake-decisions.usecase.js';

const { db } = await useTestDatabase();
// Sunday 1 Nov 2026 (10 Aban 1405), 10:00 in Tehran: a working week with no official holiday ahead.
const clock = fixedClock('2026-11-01T06:30:00Z');
const { exchange, blobs } = await useTestApp(db, { clock });
const log = createLogger('silent');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const clockOf = (kind: string, source: string) =>
  db
    .selectFrom('clocks')
    .selectAll()
    .where('kind', '=', kind as 'complaint_send')
    .where('source_id', 'like', source)
    .orderBy('started_at')
    .execute();
const recipientsOf = (clockId: string) =>
  db
    .selectFrom('notifications')
    .select(['user_id', 'kind'])
    .where('clock_id', '=', clockId)
    .orderBy('seq')
    .execute();

/**
 * The clocks of a complaint's way to the office and back: sending it (Art. 37), the office registering
 * it within its working days, and the station answering a return for completion — each opened and
 * settled by the step that starts or ends the duty, in its transaction.
 */
describe('the clocks of sending, registering and answering a return', () => {
  let station: Awaited<ReturnType<typeof makeStationUser>>;
  let chief: Actor;
  let clerk: Actor;

  beforeAll(async () => {
    station = await makeStationUser(db);
    const chiefUser = await makeUser(db, station.station.id, 'station.chief');
    chief = { userId: chiefUser.id, orgId: station.station.id, role: 'station.chief' };
    const clerkUser = await makeUser(db, station.office.id, 'prosecutor.clerk');
    clerk = { userId: clerkUser.id, orgId: station.office.id, role: 'prosecutor.clerk' };
  });

  const base = (caseId: string) => ({ db, clock, ip: null, caseId });

  it('runs from the complaint to its sending, then at the office until its decision, then at the station until its answer', async () => {
    const ready = await makeReadyCase({ db, blobs, clock }, station.actor);
    const [send] = await clockOf('complaint_send', ready.id);
    expect(send).toMatchObject({ state: 'running', legal_basis: 'CPC 1392 Art. 37' });
    expect(new Date(send!.due_at).getTime() - new Date(send!.started_at).getTime()).toBe(DAY);

    clock.advance(HOUR);
    await prepareSubmission({ ...base(ready.id), actor: station.actor });
    await approveSubmission({ ...base(ready.id), actor: chief, exchange });
    await deliverAll({ db, clock, exchange });
    expect((await clockOf('complaint_send', ready.id))[0]).toMatchObject({ state: 'met' });

    const file = await db
      .selectFrom('intake_files')
      .select('id')
      .where('case_ref', '=', ready.id)
      .executeTakeFirstOrThrow();
    const [intake] = await clockOf('intake_unregistered', `${file.id}:%`);
    // Received Sunday 11:00 Tehran: three working days are Monday, Tuesday and Wednesday, to 14:30.
    expect(intake).toMatchObject({
      state: 'running',
      org_id: station.office.id,
      notify_roles: ['prosecutor.clerk'],
    });
    expect(new Date(intake!.due_at).toISOString()).toBe('2026-11-04T11:00:00.000Z');

    clock.advance(DAY);
    await returnIntake({
      db,
      clock,
      actor: clerk,
      ip: null,
      intakeId: file.id,
      exchange,
      body: { deficiencies: [{ code: 'deficiency.evidence', text: 'تصویر دوربین پیوست شود' }] },
    });
    await deliverAll({ db, clock, exchange });
    expect((await clockOf('intake_unregistered', `${file.id}:%`))[0]).toMatchObject({ state: 'met' });
    const [answer] = await clockOf('return_unanswered', `${ready.id}:%`);
    expect(answer).toMatchObject({ state: 'running', responsible_user_id: station.user.id });

    // Ten days pass unanswered: the alert (a day before, caught up late) and the breach (on time), to the officer and the chief.
    clock.advance(10 * DAY + 1000);
    const fired = (await fireDueClocks({ db, clock, log })).filter((f) => f.clockId === answer!.id);
    expect(fired.map((f) => [f.beforeSeconds, f.late])).toEqual([
      [86400, true],
      [0, false],
    ]);
    const told = await recipientsOf(answer!.id);
    expect(told.map((n) => n.user_id).sort()).toEqual(
      [station.user.id, chief.userId, station.user.id, chief.userId].sort(),
    );
    expect(told.map((n) => n.kind)).toEqual([
      'clock.alert',
      'clock.alert',
      'clock.breached',
      'clock.breached',
    ]);

    // Answered late: its breach stands; the office's second round has a clock of its own.
    await supplementCase({
      ...base(ready.id),
      actor: station.actor,
      exchange,
      body: { note: 'پیوست شد', parties: [], documentIds: [] },
    });
    await deliverAll({ db, clock, exchange });
    expect((await clockOf('return_unanswered', `${ready.id}:%`))[0]).toMatchObject({ state: 'breached' });
    const rounds = await clockOf('intake_unregistered', `${file.id}:%`);
    expect(rounds.map((r) => r.state)).toEqual(['met', 'running']);
  });

  it('records a breach for a complaint left unsent past its 24 hours; sending it late does not undo it', async () => {
    const late = await makeReadyCase({ db, blobs, clock }, station.actor);
    const [running] = await clockOf('complaint_send', late.id);
    clock.advance(DAY + 1000);
    await fireDueClocks({ db, clock, log });
    expect((await clockOf('complaint_send', late.id))[0]).toMatchObject({ state: 'breached' });
    expect(
      await db
        .selectFrom('clock_breaches')
        .select(['kind', 'case_id'])
        .where('clock_id', '=', running!.id)
        .execute(),
    ).toEqual([{ kind: 'complaint_send', case_id: late.id }]);
    // Sent after its time: the clock is not met (the breach stands).
    await prepareSubmission({ ...base(late.id), actor: station.actor });
    await approveSubmission({ ...base(late.id), actor: chief, exchange });
    expect((await clockOf('complaint_send', late.id))[0]).toMatchObject({ state: 'breached' });
  });
});
