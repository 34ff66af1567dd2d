import { randomUUID } from 'node:crypto';
import { custodyClock } from '../../../domain/cases/custody-clock.js';
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
    const custody = await startCustodyOf({
      tx,
      row,
      party,
      startedAt: new Date(input.body.startedAt),
      now,
      path: 'body.startedAt',
    });
    return {
      value: presentCustody(custody, now),
      event: {
        type: 'custody.started',
        details: { custodyId: custody.id, partyId: custody.party_id },
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
  row: Pick<CaseRow, 'id' | 'org_id' | 'incident_at' | 'created_at'>;
  party: PartyRow | null;
  startedAt: Date;
  now: Date;
  path: string;
  /** The field that named the party, when the request named it by a field of its own. */
  partyPath?: string;
}): Promise<CustodyRow> {
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
  return insertCustody(tx, {
    id: randomUUID(),
    case_id: row.id,
    org_id: row.org_id,
    party_id: party.id,
    started_at: startedAt,
    created_at: now,
  });
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
