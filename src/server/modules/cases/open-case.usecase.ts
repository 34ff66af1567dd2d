import { randomUUID } from 'node:crypto';
import type { CaseDetail, OpenCaseBody } from '../../../domain/cases/case.schema.js';
import { formatCaseNumber } from '../../../domain/cases/case-number.js';
import { AppError } from '../../../domain/errors.js';
import { jalaliYear } from '../../../domain/jalali.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { recordCaseEvent } from './case-events.repository.js';
import { loadCaseFile } from './case-file.repository.js';
import { presentCaseDetail } from './case.presenter.js';
import { assertCaseReferencesExist } from './case-references.rules.js';
import { caseColumnsOf, mergedReferences } from './case-fields.rules.js';
import { auditCase } from './case.ports.js';
import {
  allocateCaseSeq,
  insertCase,
  isTrackingCodeTaken,
  refreshCaseSearchKey,
} from './cases.repository.js';
import { newTrackingCode } from './tracking-code.rules.js';
import { inTransaction } from '../../db/transaction.js';

/** Draws before giving up; with 31^9 codes a second draw is already a curiosity. */
const TRACKING_CODE_ATTEMPTS = 5;

async function uniqueTrackingCode(tx: Tx, draw: () => string): Promise<string> {
  for (let i = 0; i < TRACKING_CODE_ATTEMPTS; i++) {
    const code = draw();
    if (!(await isTrackingCodeTaken(tx, code))) return code;
  }
  throw new AppError('internal.error', { message: 'no free tracking code' });
}

/**
 * Opens a case file at the actor's station: numbered `<Jalali year>/<seq>` per station and year from
 * `case_counters`, and — for a complaint (Art. 37: accepted at any hour, with a receipt) — given a
 * unique tracking code for the complainant. `newCode` replaces the random draw in tests.
 */
export async function openCase(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip: string | null;
  body: OpenCaseBody;
  newCode?: () => string;
}): Promise<CaseDetail> {
  const { db, actor, body } = input;
  assertCan(actor, 'case.create');
  const now = input.clock.now();
  const year = jalaliYear(now);
  const { columns } = caseColumnsOf(body);
  return inTransaction(db, async (tx) => {
    await assertCaseReferencesExist(tx, mergedReferences(body));
    const seq = await allocateCaseSeq(tx, actor.orgId, year);
    const trackingCode =
      body.origin === 'complaint' ? await uniqueTrackingCode(tx, input.newCode ?? newTrackingCode) : null;
    const row = await insertCase(tx, {
      ...columns,
      id: randomUUID(),
      org_id: actor.orgId,
      year,
      seq,
      case_number: formatCaseNumber(year, seq),
      origin: body.origin,
      tracking_code: trackingCode,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await refreshCaseSearchKey(tx, row);
    const details = { origin: row.origin, caseNumber: row.case_number };
    await recordCaseEvent(tx, {
      caseId: row.id,
      orgId: row.org_id,
      at: now,
      actorUserId: actor.userId,
      type: 'case.created',
      details,
    });
    await auditCase(tx, { actor, ip: input.ip, at: now, action: 'case.created', caseRow: row, details });
    return presentCaseDetail(await loadCaseFile(tx, row), now);
  });
}
