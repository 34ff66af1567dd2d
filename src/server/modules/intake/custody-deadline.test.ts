import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/permissions.js';
import type { IntakeFileRow } from '../../db/schema.js';
import { custodyDeadlineOf } from './intake-arrival.handlers.js';
import { presentIntakeSummary } from './intake.presenter.js';

const clerk: Actor = { userId: 'u-1', orgId: 'o-1', role: 'prosecutor.clerk' };

const custody = (startedAt: string, endedAt: string | null = null) => ({
  id: `c-${startedAt}`,
  partyId: 'p-1',
  startedAt,
  endedAt,
  endReason: endedAt ? 'released' : null,
});

/** An intake file row as the queue reads it, with this custody deadline. */
const fileWithDeadline = (deadline: Date | null): IntakeFileRow => ({
  id: 'f-1',
  org_id: 'o-1',
  source_node: 'node-a',
  source_org: 'KL-1',
  case_ref: 'case-1',
  station_name: 'کلانتری ۱',
  case_number: '1405-1',
  crime_category_code: 'theft',
  snapshot: { parties: [] },
  in_custody: deadline !== null,
  custody_deadline_at: deadline,
  submitted_message_id: 'm-1',
  received_at: new Date('2026-03-21T06:00:00Z'),
  status: 'received',
  file_number: null,
  branch: null,
  assigned_judge: null,
  decision: null,
  decided_at: null,
  decided_by: null,
  supplements: [],
});

describe('the custody deadline of a file the office receives', () => {
  it('is 24 hours after the earliest custody still running when the file was sent', () => {
    const deadline = custodyDeadlineOf({
      custody: [
        custody('2026-03-21T08:00:00.000Z'),
        custody('2026-03-21T06:00:00.500Z'),
        custody('2026-03-21T09:00:00Z'),
      ],
    });
    expect(deadline).toEqual(new Date('2026-03-22T06:00:00.500Z'));
  });

  it('leaves out custodies that had ended, even earlier ones', () => {
    const deadline = custodyDeadlineOf({
      custody: [custody('2026-03-20T01:00:00Z', '2026-03-20T05:00:00Z'), custody('2026-03-21T08:00:00Z')],
    });
    expect(deadline).toEqual(new Date('2026-03-22T08:00:00Z'));
  });

  it('is none when no custody runs', () => {
    expect(custodyDeadlineOf({ custody: [] })).toBeNull();
    expect(
      custodyDeadlineOf({ custody: [custody('2026-03-20T01:00:00Z', '2026-03-20T02:00:00Z')] }),
    ).toBeNull();
  });

  it('counts the seconds left in the queue rounded down, negative once past, to the millisecond', () => {
    const deadline = new Date('2026-03-22T06:00:00.000Z');
    const left = (ms: number) =>
      presentIntakeSummary(fileWithDeadline(deadline), new Date(deadline.getTime() - ms), clerk)
        .custodyRemainingSeconds;
    expect(left(24 * 3_600_000)).toBe(86_400);
    expect(left(1999)).toBe(1);
    expect(left(1000)).toBe(1);
    expect(left(1)).toBe(0);
    expect(left(0)).toBe(0);
    expect(left(-1)).toBe(-1);
    expect(left(-1000)).toBe(-1);
    expect(left(-1001)).toBe(-2);
    const summary = presentIntakeSummary(fileWithDeadline(deadline), deadline, clerk);
    expect(summary).toMatchObject({ inCustody: true, custodyDeadlineAt: '2026-03-22T06:00:00.000Z' });
  });

  it('has no clock for a file without custody', () => {
    const summary = presentIntakeSummary(fileWithDeadline(null), new Date(), clerk);
    expect(summary).toMatchObject({
      inCustody: false,
      custodyDeadlineAt: null,
      custodyRemainingSeconds: null,
    });
  });
});
