import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { deliverAll, makeCase, makeParty, makeStationUser, makeUser } from '../../../../test/factories.js';
import type { Actor } from '../../../domain/permissions.js';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../platform/clock.js';
import { createLogger } from '../../platform/logger.js';
import type { Exchange } from '../exchange/index.js';
import { fireDueClocks } from '../clocks/index.js';
import { startCustodyForTest } from './custody-notice.fixture.js';
import { listCustodyNotices, recordCustodyNotice } from './custody-notice.usecase.js';

const log = createLogger('silent');
const MINUTE = 60_000;

/**
 * The one-hour notice (Arts. 47, 49 CPC 1392): a custody that starts outside the station's office hours —
 * after hours, on a Friday, on an official holiday, in Nowruz — opens a one-hour clock, met when the
 * station records the family's notice and the signed `custody.notified` goes to its prosecutor's office.
 */
describe('the one-hour notice of a custody outside office hours', () => {
  let db: Db;
  let exchange: Exchange;
  let officer: Actor;
  let clerk: Actor;
  const clock = fixedClock('2025-10-04T06:30:00Z');

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    ({ exchange } = await useTestApp(db, { clock }));
    const made = await makeStationUser(db);
    officer = made.actor;
    const clerkUser = await makeUser(db, made.office.id, 'prosecutor.clerk');
    clerk = { userId: clerkUser.id, orgId: made.office.id, role: 'prosecutor.clerk' };
  });

  /** A custody starting at `at` (recorded a minute later); its id, case and whether a notice clock opened. */
  async function custodyAt(at: string) {
    clock.set(at);
    const opened = await makeCase(db, officer, {}, clock);
    const accused = await makeParty(db, officer, opened.id, { firstName: 'رضا', lastName: 'کریمی' }, clock);
    clock.advance(MINUTE);
    const custodyId = await startCustodyForTest({
      db,
      clock,
      actor: officer,
      caseId: opened.id,
      partyId: accused.id,
      startedAt: new Date(at),
    });
    const notice = await db
      .selectFrom('clocks')
      .selectAll()
      .where('kind', '=', 'custody_notice')
      .where('source_id', '=', custodyId)
      .executeTakeFirst();
    return { caseId: opened.id, custodyId, notice };
  }

  it('opens no notice clock within office hours on a working day (Saturday 10:00 Tehran)', async () => {
    expect((await custodyAt('2025-10-04T06:30:00Z')).notice).toBeUndefined();
  });

  it('opens a one-hour clock after hours, on a Friday, on a holiday and in Nowruz', async () => {
    for (const at of [
      '2025-10-04T16:30:00Z', // Saturday 20:00 Tehran
      '2025-10-03T06:30:00Z', // Friday 10:00
      '2025-06-04T06:30:00Z', // Wednesday 1404/03/14, death of Imam Khomeini, 10:00
      '2025-03-22T06:30:00Z', // Saturday 1404/01/02, Nowruz, 10:00
    ]) {
      const { notice } = await custodyAt(at);
      expect(notice, at).toMatchObject({ state: 'running', legal_basis: 'CPC 1392 Arts. 47, 49' });
      expect(new Date(notice!.due_at).getTime() - new Date(at).getTime()).toBe(60 * MINUTE);
    }
  });

  it('is met when the station records the family notice: custody.notified reaches the office, shown on both sides', async () => {
    const { caseId, custodyId, notice } = await custodyAt('2025-10-03T20:00:00Z'); // Friday 23:30 Tehran
    clock.advance(20 * MINUTE);
    const recorded = await recordCustodyNotice({
      db,
      clock,
      actor: officer,
      ip: null,
      caseId,
      custodyId,
      exchange,
      body: {
        familyNotifiedWho: 'برادر متهم',
        familyNotifiedHow: 'phone',
        familyNotifiedAt: clock.now().toISOString(),
      },
    });
    expect(recorded).toMatchObject({ side: 'station', personName: 'رضا کریمی', familyNotifiedHow: 'phone' });
    expect(await deliverAll({ db, clock, exchange })).toBeGreaterThanOrEqual(1);
    const atOffice = await listCustodyNotices({ db, clock, actor: clerk, ip: null });
    expect(atOffice.items.find((n) => n.custodyId === custodyId)).toMatchObject({
      side: 'office',
      familyNotifiedWho: 'برادر متهم',
      messageId: recorded.messageId,
      personName: 'رضا کریمی',
    });
    const atStation = await listCustodyNotices({ db, clock, actor: officer, ip: null });
    expect(atStation.items.find((n) => n.custodyId === custodyId)?.side).toBe('station');
    const row = await db
      .selectFrom('clocks')
      .selectAll()
      .where('id', '=', notice!.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('met');
    clock.advance(2 * 60 * MINUTE);
    expect((await fireDueClocks({ db, clock, log })).filter((f) => f.clockId === row.id)).toEqual([]);
    // Recorded once: a second record is refused, nothing half-saved.
    await expect(
      recordCustodyNotice({
        db,
        clock,
        actor: officer,
        ip: null,
        caseId,
        custodyId,
        exchange,
        body: {
          familyNotifiedWho: 'x',
          familyNotifiedHow: 'sms',
          familyNotifiedAt: clock.now().toISOString(),
        },
      }),
    ).rejects.toMatchObject({ code: 'custody.notice_already_recorded' });
  });

  it('becomes a breach when the hour passes without the notice, and refuses a notice before the custody began', async () => {
    const { caseId, custodyId, notice } = await custodyAt('2025-10-03T08:00:00Z'); // Friday 11:30
    await expect(
      recordCustodyNotice({
        db,
        clock,
        actor: officer,
        ip: null,
        caseId,
        custodyId,
        exchange,
        body: {
          familyNotifiedWho: 'مادر',
          familyNotifiedHow: 'phone',
          familyNotifiedAt: '2025-10-03T07:00:00Z',
        },
      }),
    ).rejects.toMatchObject({ code: 'custody.notice_before_start' });
    clock.set(new Date(new Date(notice!.due_at).getTime() + 1000));
    const fired = (await fireDueClocks({ db, clock, log })).filter((f) => f.clockId === notice!.id);
    expect(fired.map((f) => f.beforeSeconds)).toEqual([900, 0]); // the 15-minute alert, caught up, then the breach
    const breach = await db
      .selectFrom('clock_breaches')
      .selectAll()
      .where('clock_id', '=', notice!.id)
      .executeTakeFirstOrThrow();
    expect(breach).toMatchObject({ kind: 'custody_notice', case_id: caseId });
  });
});
