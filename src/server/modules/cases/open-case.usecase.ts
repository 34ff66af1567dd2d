import { randomUUID } from 'node:crypto';
import type { CaseDetail, OpenCaseBody } from '../../../domain/cases/case.schema.js';
import { formatCaseNumber } from '../../../domain/cases/case-number.js';
import { AppError } from '../../../domain/errors.js';
import { jalaliYear } from '../../../domain/jalali.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db, Tx } from '../../db/client.js';
import type { CaseRow } from '../../db/schema.js';
import type { NewCaseParty } from '../../../domain/cases/party.schema.js';
import { startCustodyOf } from './custody.usecase.js';
import { insertPartyOf } from './parties.usecase.js';
import type { Clock } from '../../platform/clock.js';
import { recordCaseEvent } from './case-events.repository.js';
import { loadCaseFile } from './case-file.repository.js';
import { presentCaseDetail, presentParty } from './case.presenter.js';
import { assertCaseReferencesFound, referenceCodesOf } from './case-references.rules.js';
import { findReferenceCodes } from '../reference/index.js';
import { caseColumnsOf, mergedReferences } from './case-fields.rules.js';
import { auditCase, changeRecords } from './case.ports.js';
import {
  allocateCaseSeq,
  insertCase,
  isTrackingCodeTaken,
  refreshCaseSearchKey,
} from './cases.repository.js';
import { newTrackingCode } from './tracking-code.rules.js';
import { inTransaction } from '../../db/transaction.js';
import { COMPLAINT_SEND, openClock } from '../clocks/index.js';

/** Draws before giving up; with 31^9 codes a second draw is already a curiosity. */
const TRACKING_CODE_ATTEMPTS = 5;

async function uniqueTrackingCode(tx: Tx, draw: () => string): Promise<string> {
  for (let i = 0; i < TRACKING_CODE_ATTEMPTS; i++) {
    const code = draw();
    if (!(await isTrackingCodeTaken(tx, code))) return code;
  }
  throw new AppError('internal.error', { message: 'no free tracking code' });
}

type RecordStep = (
  type: 'party.added' | 'custody.started',
  details: Record<string, unknown>,
  after: unknown,
) => Promise<void>;

/**
 * Writes the parties the new-case request carried, in its order, and the custody of each accused said to be
 * held; a refusal names the field by its place in the request (`body.parties.1.custodyStartedAt`) and, thrown
 * inside the case's transaction, saves nothing at all.
 */
async function addNewCaseParties(
  tx: Tx,
  row: CaseRow,
  parties: NewCaseParty[],
  now: Date,
  record: RecordStep,
  recordedBy: string,
): Promise<void> {
  for (const [index, { custodyStartedAt, ...body }] of parties.entries()) {
    const party = await insertPartyOf(tx, row, body, now);
    await record('party.added', { partyId: party.id, role: party.role }, presentParty(party));
    if (custodyStartedAt === undefined) continue;
    const path = `body.parties.${index}.custodyStartedAt`;
    const { custody, outOfHours } = await startCustodyOf({
      tx,
      row,
      party,
      startedAt: new Date(custodyStartedAt),
      now,
      path,
      partyPath: path,
      recordedBy,
    });
    await record(
      'custody.started',
      { custodyId: custody.id, partyId: party.id, outOfHours },
      { startedAt: custody.started_at.toISOString() },
    );
  }
}

/**
 * Opens a case file at the actor's station: numbered `<Jalali year>/<seq>` per station and year from
 * `case_counters`, and — for a complaint (Art. 37: accepted at any hour, with a receipt) — given a
 * unique tracking code for the complainant. The parties (and their custody) the request carries are saved with
 * it, in the same transaction: one refused party refuses the whole case. `newCode` replaces the random draw in
 * tests.
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
    const refs = mergedReferences(body);
    assertCaseReferencesFound(refs, await findReferenceCodes(tx, referenceCodesOf(refs)));
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
      updated_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    const details = { origin: row.origin, caseNumber: row.case_number };
    const record = async (
      type: 'case.created' | 'party.added' | 'custody.started',
      d: Record<string, unknown>,
      after?: unknown,
    ) => {
      const { eventDetails, auditDetails } = changeRecords({ type, details: d, after });
      await recordCaseEvent(tx, {
        caseId: row.id,
        orgId: row.org_id,
        at: now,
        actorUserId: actor.userId,
        type,
        ...(eventDetails ? { details: eventDetails } : {}),
      });
      await auditCase(tx, {
        actor,
        ip: input.ip,
        at: now,
        action: type,
        caseRow: row,
        details: auditDetails,
      });
    };
    await record('case.created', details);
    // A complaint goes to the prosecutor's office at once (Art. 37): its clock runs until it is sent.
    if (row.origin === 'complaint')
      await openClock(tx, {
        kind: 'complaint_send',
        orgId: row.org_id,
        sourceId: row.id,
        caseId: row.id,
        caseRef: row.case_number,
        responsibleUserId: actor.userId,
        notifyRoles: ['station.chief'],
        legalBasis: COMPLAINT_SEND.legalBasis,
        startedAt: now,
        dueAt: new Date(now.getTime() + COMPLAINT_SEND.ms),
        now,
      });
    await addNewCaseParties(tx, row, body.parties ?? [], now, record, input.actor.userId);
    await refreshCaseSearchKey(tx, row);
    return presentCaseDetail(await loadCaseFile(tx, row), now, actor);
  });
}
