import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { deliverAll, makeReadyCase, makeStationUser, makeUser } from '../../../../test/factories.js';
import { fixedClock } from '../../platform/clock.js';
import { createLogger } from '../../platform/logger.js';
import { approveSubmission, prepareSubmission } from '../submission/index.js';
import { deliverDue, DeliveryError, revokeKey } from '../exchange/index.js';

const { db } = await useTestDatabase();
const clock = fixedClock('2026-03-21T06:30:00Z');
const { app, exchange, blobs } = await useTestApp(db, { clock });

interface Listed {
  id: string;
  type: string;
  direction: 'in' | 'out';
  seq: number;
  status: string;
  receiptAt: string | null;
  outbox: { attempts: number; lastError: string | null; nextAttemptAt: string } | null;
  verification: { signature: string; threadLinkOk: boolean };
}

describe('the messages of a case, for the station and for the office', () => {
  let station: Awaited<ReturnType<typeof makeStationUser>>;
  let stationCookie: string;
  let clerkCookie: string;
  let otherCookie: string;
  let caseId: string;
  let intakeId: string;

  const list = async (url: string, cookie: string) => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    return res.json().items as Listed[];
  };

  beforeAll(async () => {
    station = await makeStationUser(db, 'station.chief');
    stationCookie = await signIn(app, station.user.username);
    clerkCookie = await signIn(app, (await makeUser(db, station.office.id, 'prosecutor.clerk')).username);
    otherCookie = await signIn(app, (await makeStationUser(db, 'station.chief')).user.username);
    const ready = await makeReadyCase({ db, blobs, clock }, station.actor);
    caseId = ready.id;
    await prepareSubmission({ db, clock, ip: null, caseId, actor: station.actor });
    await approveSubmission({ db, clock, ip: null, caseId, actor: station.actor, exchange });
  });

  it('shows a queued message with its outbox state, and the last error and next try after a failed attempt', async () => {
    const [queued] = await list(`/api/cases/${caseId}/messages`, stationCookie);
    expect(queued).toMatchObject({
      type: 'case.submitted',
      direction: 'out',
      seq: 1,
      status: 'queued',
      receiptAt: null,
      outbox: { attempts: 0, lastError: null },
    });
    expect(queued?.verification).toEqual({ signature: 'valid', threadLinkOk: true });

    const down = () => ({
      deliver: async () => Promise.reject(new DeliveryError('transport.unreachable', true)),
    });
    await deliverDue({ db, clock, log: createLogger('silent'), transportFor: down, random: () => 0 });
    const [failed] = await list(`/api/cases/${caseId}/messages`, stationCookie);
    expect(failed?.outbox?.attempts).toBe(1);
    expect(failed?.outbox?.lastError).toContain('transport.unreachable');
    expect(new Date(failed?.outbox?.nextAttemptAt ?? 0).getTime()).toBeGreaterThan(clock.now().getTime());
  });

  it('shows the message delivered with the receipt\u2019s time, and the office\u2019s answer as accepted, each verified', async () => {
    clock.advance(10 * 60_000);
    await deliverAll({ db, clock, exchange });
    intakeId = (
      await db
        .selectFrom('intake_files')
        .select('id')
        .where('case_ref', '=', caseId)
        .executeTakeFirstOrThrow()
    ).id;
    const registered = await app.inject({
      method: 'POST',
      url: `/api/intake/${intakeId}/register`,
      headers: { cookie: clerkCookie },
      payload: { fileNumber: '1405-77', branch: 'شعبه ۳', assignedJudge: 'دادیار' },
    });
    expect(registered.statusCode).toBe(200);
    await deliverAll({ db, clock, exchange });

    const atStation = await list(`/api/cases/${caseId}/messages`, stationCookie);
    expect(atStation.map((m) => [m.type, m.direction, m.status])).toEqual([
      ['case.submitted', 'out', 'delivered'],
      ['intake.registered', 'in', 'accepted'],
    ]);
    expect(atStation[0]).toMatchObject({ receiptAt: clock.now().toISOString(), outbox: null });
    expect(atStation.every((m) => m.verification.signature === 'valid' && m.verification.threadLinkOk)).toBe(
      true,
    );

    const atOffice = await list(`/api/intake/${intakeId}/messages`, clerkCookie);
    expect(atOffice.map((m) => [m.type, m.direction, m.status])).toEqual([
      ['case.submitted', 'in', 'accepted'],
      ['intake.registered', 'out', 'delivered'],
    ]);
  });

  it('keeps other organisations out: another station\u2019s case, and a station asking for an intake file, are not found', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/messages`,
      headers: { cookie: otherCookie },
    });
    expect(res.statusCode).toBe(404);
    const intake = await app.inject({
      method: 'GET',
      url: `/api/intake/${intakeId}/messages`,
      headers: { cookie: stationCookie },
    });
    expect(intake.statusCode).toBe(404);
    expect(intake.json().error.code).toBe('intake.not_found');
  });

  it('re-verifies now: a broken thread link and a revoked key show on the messages they touch', async () => {
    await db
      .updateTable('messages')
      .set({ prev_hash: 'f'.repeat(64) })
      .where('direction', '=', 'in')
      .where('case_ref', '=', caseId)
      .where('type', '=', 'intake.registered')
      .execute();
    const broken = await list(`/api/cases/${caseId}/messages`, stationCookie);
    expect(broken.find((m) => m.type === 'intake.registered')?.verification.threadLinkOk).toBe(false);

    await revokeKey(db, exchange.signer.kid, clock.now());
    const revoked = await list(`/api/cases/${caseId}/messages`, stationCookie);
    expect(revoked.map((m) => m.verification.signature)).toEqual(['revoked_key', 'revoked_key']);
  });
});
