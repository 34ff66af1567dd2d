import type { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../test/app.js';
import { useTestDatabase } from '../../test/db.js';
import {
  deliverAll,
  makeOrganisation,
  makeReadyCase,
  makeStationUser,
  makeUser,
} from '../../test/factories.js';
import { auditLogPageSchema } from '../domain/audit.schema.js';
import { sessionResponseSchema } from '../domain/auth.schema.js';
import { caseDetailSchema, caseListSchema, timelineSchema } from '../domain/cases/case.schema.js';
import { escortListSchema } from '../domain/escorts/escorts.schema.js';
import { intakeDetailSchema, intakeQueueSchema } from '../domain/intake/intake.schema.js';
import { caseMessageListSchema } from '../domain/messages/case-messages.schema.js';
import { orderListSchema } from '../domain/orders/orders.schema.js';
import { organisationListSchema } from '../domain/organisations.schema.js';
import { outboxSchema } from '../domain/outbox.schema.js';
import { countySchema } from '../domain/reference.schema.js';
import { submissionSchema } from '../domain/submission/submission.schema.js';
import { ownTrustEntrySchema, peerListSchema } from '../domain/trust.schema.js';
import { userListSchema } from '../domain/users.schema.js';
import { fixedClock } from './platform/clock.js';

/**
 * The web takes the type of every answer from `src/domain` (`z.infer`), and the routes answer through the same
 * schemas. This reads real answers of a node — a case sent, registered, with an order and an escort — and
 * parses each with the domain schema the web's type comes from: a field missing, mistyped, or sent beyond what
 * the schema knows (a route answering through a schema of its own) fails here, not in an officer's browser.
 */

const { db } = await useTestDatabase();
const clock = fixedClock('2026-05-10T06:00:00Z');
const { app, exchange, blobs } = await useTestApp(db, { clock });
const HOUR = 3_600_000;
const deliver = () => deliverAll({ db, clock, exchange });

type Who = 'officer' | 'chief' | 'clerk' | 'judge' | 'escort' | 'admin';
const cookies = {} as Record<Who, string>;

const call = (who: Who, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: cookies[who] }, ...(payload ? { payload } : {}) });

/** Calls a step of the story, which must succeed. */
async function step(who: Who, url: string, payload?: object): Promise<void> {
  const res = await call(who, 'POST', url, payload);
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
}

/** A read's answer, which must be exactly what the domain schema describes: no field missing, none beyond. */
async function answer<S extends z.ZodType>(who: Who, url: string, schema: S): Promise<z.infer<S>> {
  const res = await call(who, 'GET', url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  const body: unknown = res.json();
  const parsed = schema.safeParse(body);
  expect(parsed.error?.issues ?? [], url).toEqual([]);
  expect(parsed.data, `${url} sends fields its schema does not know`).toEqual(body);
  return parsed.data as z.infer<S>;
}

describe('the API answers with the shapes of the domain schemas the web reads them by', () => {
  let caseId: string;
  let intakeId: string;

  beforeAll(async () => {
    const station = await makeStationUser(db, 'station.officer');
    const unit = await makeOrganisation(db, { kind: 'escort_unit' });
    const users: Record<Who, { username: string }> = {
      officer: station.user,
      chief: await makeUser(db, station.station.id, 'station.chief'),
      clerk: await makeUser(db, station.office.id, 'prosecutor.clerk'),
      judge: await makeUser(db, station.office.id, 'prosecutor.judge'),
      escort: await makeUser(db, unit.id, 'escort.officer'),
      admin: await makeUser(db, station.station.id, 'admin'),
    };
    for (const [who, user] of Object.entries(users)) cookies[who as Who] = await signIn(app, user.username);

    // A case with its accused in custody goes to the office, is registered, and gets an order and an escort.
    const ready = await makeReadyCase({ db, blobs, clock }, station.actor, {
      custodySince: new Date(clock.now().getTime() - 2 * HOUR),
    });
    caseId = ready.id;
    await step('officer', `/api/cases/${caseId}/submission/prepare`);
    await step('chief', `/api/cases/${caseId}/submission/approve`);
    await deliver();
    const queue = await answer('clerk', '/api/intake', intakeQueueSchema);
    intakeId = queue.items[0]!.id;
    await step('clerk', `/api/intake/${intakeId}/register`, {
      fileNumber: '1405-123',
      branch: 'شعبه ۲ بازپرسی',
      assignedJudge: 'بازپرس شعبه ۲',
    });
    await deliver();
    await step('judge', `/api/intake/${intakeId}/orders`, {
      kind: 'investigation',
      text: 'تحقیق از شهود و گزارش ظرف مهلت',
      deadlineAt: new Date(clock.now().getTime() + 48 * HOUR).toISOString(),
    });
    const accused = await db
      .selectFrom('parties')
      .select('id')
      .where('case_id', '=', caseId)
      .where('role', '=', 'accused')
      .executeTakeFirstOrThrow();
    await step('officer', `/api/cases/${caseId}/escorts`, {
      partyId: accused.id,
      destination: 'prosecutor_office',
      place: 'دادسرای ناحیه ۴ تهران',
      scheduledAt: new Date(clock.now().getTime() + 2 * HOUR).toISOString(),
      reason: 'معرفی متهم به بازپرس',
    });
    await deliver();
  });

  it('reads the case, the case list, its timeline, its sending and its messages as the station sees them', async () => {
    const detail = await answer('officer', `/api/cases/${caseId}`, caseDetailSchema);
    expect(detail.sentAt).not.toBeNull();
    expect(detail.parties.length).toBeGreaterThan(0);
    expect(detail.custody.length).toBeGreaterThan(0);
    expect(detail.documents.length).toBeGreaterThan(0);
    const list = await answer('officer', '/api/cases', caseListSchema);
    expect(list.items.map((c) => c.id)).toContain(caseId);
    expect((await answer('officer', `/api/cases/${caseId}/timeline`, timelineSchema)).items).not.toEqual([]);
    expect((await answer('officer', `/api/cases/${caseId}/submission`, submissionSchema)).status).toBe(
      'registered',
    );
    expect(
      (await answer('officer', `/api/cases/${caseId}/messages`, caseMessageListSchema)).items,
    ).not.toEqual([]);
    await answer('officer', '/api/auth/me', sessionResponseSchema);
  });

  it('reads the intake file and the queue as the office sees them', async () => {
    const file = await answer('clerk', `/api/intake/${intakeId}`, intakeDetailSchema);
    expect(file.status).toBe('registered');
    expect(file.documents.length).toBeGreaterThan(0);
    expect((await answer('clerk', '/api/intake', intakeQueueSchema)).items).toHaveLength(1);
  });

  it('reads the order on both sides', async () => {
    expect((await answer('judge', '/api/orders', orderListSchema)).items).toHaveLength(1);
    expect((await answer('officer', '/api/orders', orderListSchema)).items).toHaveLength(1);
  });

  it('reads the escort on both sides', async () => {
    expect((await answer('officer', '/api/escorts', escortListSchema)).items).toHaveLength(1);
    expect((await answer('escort', '/api/escorts', escortListSchema)).items).toHaveLength(1);
  });

  it('reads what the administration screens show', async () => {
    expect((await answer('admin', '/api/organisations', organisationListSchema)).items).not.toEqual([]);
    expect((await answer('admin', '/api/users', userListSchema)).items).not.toEqual([]);
    expect((await answer('admin', '/api/audit', auditLogPageSchema)).items).not.toEqual([]);
    expect((await answer('admin', '/api/peers', peerListSchema)).items).not.toEqual([]);
    await answer('admin', '/api/exchange/trust-entry', ownTrustEntrySchema);
    await answer('admin', '/api/exchange/outbox', outboxSchema);
    expect(await answer('admin', '/api/reference/counties', countySchema.array())).not.toEqual([]);
  });
});
