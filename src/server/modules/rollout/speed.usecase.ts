import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import { caseSteps } from '../../../domain/cases/case-actions.js';
import { assertStepState } from '../../../domain/item-steps.js';
import type {
  PaperTransmission,
  PaperTransmissionBody,
  PaperTransmissionList,
  Speed,
} from '../../../domain/rollout/rollout.schema.js';
import type { PaperTransmissionsTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import type { Db, Tx } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import {
  findReturnsAroundLive,
  findSendingByMonth,
  findSpeedByMonth,
  findCaseForPaper,
  findPaperTransmissionsOfCase,
  insertPaperTransmission,
} from './speed.repository.js';
import { jalaliMonthBounds } from './speed.rules.js';

const MAX_DAYS = 400;

/**
 * A station records files it sent to its prosecutor's office on paper (issue 21, point 4), so that paper and
 * electronic sending can be compared month by month. From a case's page, the case must be the station's own
 * (else not found) and not sent electronically (`caseSteps.recordPaper`); its number is taken from the case.
 */
export async function recordPaperTransmission(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  body: PaperTransmissionBody;
  ip?: string | null;
}): Promise<PaperTransmission> {
  const now = input.clock.now();
  return inTransaction(input.db, async (tx) => {
    const caseNumber = input.body.caseId
      ? (await paperCase(tx, input.actor, input.body.caseId, 'record')).case_number
      : (input.body.caseNumber ?? null);
    assertCan(input.actor, 'paper.record');
    const sentAt = new Date(input.body.sentAt);
    if (sentAt.getTime() > now.getTime() + 60_000) throw new AppError('paper.sent_in_future');
    const row = await insertPaperTransmission(tx, {
      id: randomUUID(),
      orgId: input.actor.orgId,
      sentAt,
      files: input.body.files,
      caseNumber,
      recordedBy: input.actor.userId,
      at: now,
    });
    await recordAudit(tx, {
      action: 'paper_transmission.recorded',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'paper_transmission',
      resourceId: row.id,
      orgId: input.actor.orgId,
      ip: input.ip ?? null,
      at: now,
      details: { files: row.files },
    });
    return presentPaper(row);
  });
}

/** What the station recorded as sent on paper for one of its cases (the case's page shows it), audited. */
export async function listPaperTransmissions(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  caseId: string;
  ip?: string | null;
}): Promise<PaperTransmissionList> {
  return inTransaction(input.db, async (tx) => {
    const found = await paperCase(tx, input.actor, input.caseId, 'read');
    const rows = await findPaperTransmissionsOfCase(tx, input.actor.orgId, found.case_number);
    await recordAudit(tx, {
      action: 'paper_transmission.listed',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'case',
      resourceId: input.caseId,
      orgId: input.actor.orgId,
      ip: input.ip ?? null,
      at: input.clock.now(),
      details: { count: rows.length },
    });
    return { items: rows.map(presentPaper) };
  });
}

/** The case named: another organisation's is not found; to record, it must not have been sent electronically. */
async function paperCase(tx: Tx, actor: Actor, caseId: string, purpose: 'record' | 'read') {
  const found = await findCaseForPaper(tx, caseId);
  if (!found) throw new AppError('cases.not_found');
  const item = { orgId: found.org_id, status: found.status };
  assertCan(actor, 'paper.record', { orgId: item.orgId, notFound: 'cases.not_found' });
  if (purpose === 'record') assertStepState(caseSteps.recordPaper, item);
  return found;
}

function presentPaper(row: Selectable<PaperTransmissionsTable>): PaperTransmission {
  return { id: row.id, sentAt: row.sent_at.toISOString(), files: row.files, caseNumber: row.case_number };
}

/**
 * Is it faster? (issue 21, point 4) Per Jalali month of the period: for the live units' files, hours from opening
 * to the office's receipt and to registration (median, p90); files sent electronically and on paper; and the
 * share returned for completion before and after each unit went live.
 */
export async function getSpeed(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  query: { from: string; to: string };
  ip?: string | null;
}): Promise<Speed> {
  assertCan(input.actor, 'rollout.read');
  const from = new Date(input.query.from);
  const to = new Date(input.query.to);
  if (!(from < to) || to.getTime() - from.getTime() > MAX_DAYS * 86_400_000)
    throw new AppError('figures.invalid_period', {
      issues: [{ path: 'to', code: 'figures.invalid_period' }],
    });
  const bounds = jalaliMonthBounds(from, to);
  return inTransaction(input.db, async (tx) => {
    const speed = new Map((await findSpeedByMonth(tx, bounds)).map((r) => [r.bucket, r]));
    const sending = new Map((await findSendingByMonth(tx, bounds)).map((r) => [r.bucket, r]));
    const returns = await findReturnsAroundLive(tx);
    await recordAudit(tx, {
      action: 'figures.viewed',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'rollout_speed',
      resourceId: null,
      orgId: input.actor.orgId,
      ip: input.ip ?? null,
      at: input.clock.now(),
      details: { from: input.query.from, to: input.query.to },
    });
    const around = (after: boolean) => {
      const row = returns.find((r) => r.after_live === after);
      return { decided: row?.decided ?? 0, returned: row?.returned ?? 0 };
    };
    return {
      months: bounds.slice(0, -1).map((start, i) => {
        const s = speed.get(i + 1);
        const send = sending.get(i + 1);
        return {
          from: start.toISOString(),
          to: (bounds[i + 1] ?? to).toISOString(),
          received: s?.received ?? 0,
          medianHoursToReceipt: s?.median_receipt ?? null,
          p90HoursToReceipt: s?.p90_receipt ?? null,
          registered: s?.registered ?? 0,
          medianHoursToRegistration: s?.median_registration ?? null,
          p90HoursToRegistration: s?.p90_registration ?? null,
          sentElectronically: send?.electronic ?? 0,
          sentOnPaper: send?.paper ?? 0,
        };
      }),
      returns: { beforeLive: around(false), afterLive: around(true) },
    };
  });
}
