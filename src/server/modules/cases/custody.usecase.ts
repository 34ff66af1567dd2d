import { randomUUID } from 'node:crypto';
import { CUSTODY_LIMIT_SECONDS, custodyClock } from '../../../domain/cases/custody-clock.js';
import { custodyStartProblem } from '../../../domain/cases/custody-start.js';
import type { Custody, EndCustodyBody, StartCustodyBody } from '../../../domain/cases/custody.schema.js';
import { AppError } from '../../../domain/errors.js';
import type { Tx } from '../../db/client.js';
import type { CaseRow, CustodyRow, PartyRow } from '../../db/schema.js';
import { presentCustody } from './case.presenter.js';
import { changeCase, type CaseUseCaseInput } from './case.ports.js';
import {
  findCustodyOfCaseById,
  hasCustodyRecords,
  insertCustody,
  updateCustody,
} from './custody.repository.js';
import { findPartyOfCase } from './parties.repository.js';
import {
  CUSTODY_LEGAL_BASIS,
  CUSTODY_NOTICE_LEGAL_BASIS,
  isOutsideOfficeHoursOf,
  openClock,
  settleClock,
} from '../clocks/index.js';

/** Arts. 47, 49: a custody outside office hours is notified within one hour. */
const CUSTODY_NOTICE_SECONDS = 60 * 60;

/** Throws `custody.time_in_future` for a start or end later than now: custody records what happened. */
function assertNotInFuture(at: Date, now: Date, path: string): void {
  if (at.getTime() > now.getTime())
    throw new AppError('custody.time_in_future', { issues: [{ path, code: 'custody.time_in_future' }] });
}

/**
 * Records that an accused of a draft case is held under observation (تحت نظر) from `startedAt`,
 * which starts the Art. 46 24-hour clock. One running custody per person at a time.
 */
export async function startCustody(input: CaseUseCaseInput & { body: StartCustodyBody }): Promise<Custody> {
  return changeCase({ ...input, audit: 'custody.started' }, async ({ tx, row, now }) => {
    const party = await findPartyOfCase(tx, row.id, input.body.partyId);
    const { custody, outOfHours } = await startCustodyOf({
      tx,
      row,
      party,
      startedAt: new Date(input.body.startedAt),
      now,
      path: 'body.startedAt',
      recordedBy: input.actor.userId,
    });
    return {
      value: presentCustody(custody, now),
      event: {
        type: 'custody.started',
        details: { custodyId: custody.id, partyId: custody.party_id, outOfHours },
        after: { startedAt: custody.started_at.toISOString() },
      },
    };
  });
}

/**
 * Writes the start of a custody of a party of the case, in the caller's transaction, after the rules of a
 * start: not before the incident or long before the case, not in the future (`path` names the field
 * refused), a party of the case, an accused, not already held.
 */
export async function startCustodyOf(input: {
  tx: Tx;
  row: Pick<CaseRow, 'id' | 'org_id' | 'incident_at' | 'created_at' | 'case_number'>;
  party: PartyRow | null;
  startedAt: Date;
  now: Date;
  path: string;
  /** The field that named the party, when the request named it by a field of its own. */
  partyPath?: string;
  /** The user who records it: the clocks' responsible. */
  recordedBy: string;
}): Promise<{ custody: CustodyRow; outOfHours: boolean }> {
  const { tx, row, party, startedAt, now, path } = input;
  const problem = custodyStartProblem({
    startedAt,
    incidentAt: row.incident_at,
    caseOpenedAt: row.created_at,
    now,
  });
  if (problem) throw new AppError(problem, { issues: [{ path, code: problem }] });
  if (!party) throw new AppError('parties.not_found');
  if (party.role !== 'accused')
    throw new AppError('custody.party_not_accused', {
      ...(input.partyPath ? { issues: [{ path: input.partyPath, code: 'custody.party_not_accused' }] } : {}),
    });
  if (await hasCustodyRecords(tx, party.id, { runningOnly: true }))
    throw new AppError('custody.already_open');
  const custody = await insertCustody(tx, {
    id: randomUUID(),
    case_id: row.id,
    org_id: row.org_id,
    party_id: party.id,
    started_at: startedAt,
    created_at: now,
  });
  const clock = {
    orgId: row.org_id,
    sourceId: custody.id,
    caseId: row.id,
    caseRef: row.case_number,
    responsibleUserId: input.recordedBy,
    notifyRoles: ['station.chief'],
    startedAt,
    now,
  };
  // The Art. 46 clock: the officer who recorded it and the station's chief are told at 4 h, 1 h and
  // 15 min before the 24 hours end; past them, a breach record.
  await openClock(tx, {
    ...clock,
    kind: 'custody',
    legalBasis: CUSTODY_LEGAL_BASIS,
    dueAt: new Date(startedAt.getTime() + CUSTODY_LIMIT_SECONDS * 1000),
  });
  // Outside the unit's office hours (a Friday, an official holiday, or before or after them): the family
  // and the prosecutor's office must be told within one hour (Arts. 47, 49) — a clock of its own.
  const outOfHours = await isOutsideOfficeHoursOf(tx, { orgId: row.org_id, at: startedAt });
  if (outOfHours)
    await openClock(tx, {
      ...clock,
      kind: 'custody_notice',
      legalBasis: CUSTODY_NOTICE_LEGAL_BASIS,
      dueAt: new Date(startedAt.getTime() + CUSTODY_NOTICE_SECONDS * 1000),
    });
  return { custody, outOfHours };
}

/**
 * Records the end of a custody (release, bail, hand-over, …) and whether it ended within the 24 hours.
 * Allowed after the case was sent too: the hand-over to the prosecutor usually comes after the file.
 */
export async function endCustody(
  input: CaseUseCaseInput & { custodyId: string; body: EndCustodyBody },
): Promise<Custody> {
  return changeCase({ ...input, audit: 'custody.ended', step: 'endCustody' }, async ({ tx, row, now }) => {
    const custody = await findCustodyOfCaseById(tx, row.id, input.custodyId);
    if (!custody) throw new AppError('custody.not_found');
    if (custody.ended_at) throw new AppError('custody.already_ended');
    const endedAt = new Date(input.body.endedAt);
    if (endedAt.getTime() < custody.started_at.getTime())
      throw new AppError('custody.end_before_start', {
        issues: [{ path: 'body.endedAt', code: 'custody.end_before_start' }],
      });
    assertNotInFuture(endedAt, now, 'body.endedAt');
    // Once the file is with the prosecutor, the record of a custody changes only with a reason on file:
    // the coded reason, and for `other` the reason in words.
    const afterSending = row.status !== 'draft';
    if (afterSending && input.body.endReason === 'other' && !input.body.endNote?.trim())
      throw new AppError('custody.change_reason_required', {
        issues: [{ path: 'body.endNote', code: 'custody.change_reason_required' }],
      });
    const before = { endedAt: null, endReason: null, endNote: null };
    const ended = await updateCustody(tx, custody.id, {
      ended_at: endedAt,
      end_reason: input.body.endReason,
      end_note: input.body.endNote ?? null,
    });
    const { endedInTime } = custodyClock({ startedAt: ended.started_at, endedAt, now });
    // Ended in time: the clock is met. Ended late: it stays running, and the scheduler records the breach.
    if (endedInTime)
      await settleClock(tx, {
        kind: 'custody',
        sourceId: ended.id,
        orgId: row.org_id,
        state: 'met',
        at: now,
      });
    return {
      value: presentCustody(ended, now),
      event: {
        type: 'custody.ended',
        details: {
          custodyId: ended.id,
          partyId: ended.party_id,
          endReason: input.body.endReason,
          endedInTime,
          ...(afterSending ? { afterSending, caseStatus: row.status } : {}),
        },
        before,
        after: { endedAt: endedAt.toISOString(), endReason: ended.end_reason, endNote: ended.end_note },
      },
    };
  });
}
