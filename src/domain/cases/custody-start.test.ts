import { describe, expect, it } from 'vitest';
import { custodyStartProblem } from './custody-start.js';

const now = new Date('2026-03-21T10:00:00Z');
const caseOpenedAt = new Date('2026-03-21T08:00:00Z');
const at = (iso: string) => new Date(iso);

describe('the start of a custody', () => {
  it('may be at the incident, or between the incident and now', () => {
    const incidentAt = at('2026-03-20T22:00:00Z');
    expect(custodyStartProblem({ startedAt: incidentAt, incidentAt, caseOpenedAt, now })).toBeNull();
    expect(custodyStartProblem({ startedAt: now, incidentAt, caseOpenedAt, now })).toBeNull();
  });

  it('is refused in the future, with or without an incident time', () => {
    const startedAt = at('2026-03-21T10:00:01Z');
    expect(custodyStartProblem({ startedAt, incidentAt: null, caseOpenedAt, now })).toBe(
      'custody.time_in_future',
    );
    expect(custodyStartProblem({ startedAt, incidentAt: caseOpenedAt, caseOpenedAt, now })).toBe(
      'custody.time_in_future',
    );
  });

  it('is refused before the incident, even by a minute', () => {
    expect(
      custodyStartProblem({
        startedAt: at('2026-03-20T21:59:00Z'),
        incidentAt: at('2026-03-20T22:00:00Z'),
        caseOpenedAt,
        now,
      }),
    ).toBe('custody.start_before_incident');
  });

  it('without an incident time, may be up to 72 hours before the case was opened and no earlier', () => {
    const edge = at('2026-03-18T08:00:00Z');
    expect(custodyStartProblem({ startedAt: edge, incidentAt: null, caseOpenedAt, now })).toBeNull();
    expect(
      custodyStartProblem({ startedAt: at('2026-03-18T07:59:59Z'), incidentAt: null, caseOpenedAt, now }),
    ).toBe('custody.start_before_case');
    expect(
      custodyStartProblem({ startedAt: at('1900-01-01T00:00:00Z'), incidentAt: null, caseOpenedAt, now }),
    ).toBe('custody.start_before_case');
  });
});
