import { describe, expect, it } from 'vitest';
import { checkReadiness, type ReadinessInput } from './readiness.js';

const now = new Date('2026-03-21T10:00:00Z');
const complete: ReadinessInput = {
  origin: 'complaint',
  crimeCategoryCode: 'theft',
  narrative: 'کیف را از ماشین بردند.',
  accusedUnknown: false,
  parties: [
    { id: 'p1', role: 'complainant' },
    { id: 'p2', role: 'accused' },
  ],
  custody: [{ partyId: 'p2', startedAt: new Date('2026-03-21T08:00:00Z') }],
  documents: [{ kind: 'complaint' }],
};
const codes = (input: ReadinessInput) => checkReadiness(input, now).missing.map((m) => m.code);

describe('the readiness check before sending', () => {
  it('passes a complete complaint file', () => {
    expect(checkReadiness(complete, now)).toEqual({ ready: true, missing: [] });
  });

  it('lists everything an empty complaint file lacks, with where to fix it', () => {
    const result = checkReadiness(
      { ...complete, crimeCategoryCode: null, narrative: null, parties: [], custody: [], documents: [] },
      now,
    );
    expect(result.ready).toBe(false);
    expect(result.missing).toEqual([
      { code: 'readiness.no_party', path: 'parties' },
      { code: 'readiness.no_accused', path: 'parties' },
      { code: 'readiness.no_crime_category', path: 'crimeCategoryCode' },
      { code: 'readiness.no_narrative', path: 'narrative' },
      { code: 'readiness.no_complainant', path: 'parties' },
      { code: 'readiness.no_complaint_document', path: 'documents' },
    ]);
  });

  it('accepts an unknown accused instead of an accused party', () => {
    const parties = [{ id: 'p1', role: 'complainant' as const }];
    expect(codes({ ...complete, parties, custody: [] })).toEqual(['readiness.no_accused']);
    expect(codes({ ...complete, parties, custody: [], accusedUnknown: true })).toEqual([]);
  });

  it('counts a narrative of spaces as no narrative', () => {
    expect(codes({ ...complete, narrative: '  \n ' })).toEqual(['readiness.no_narrative']);
  });

  it('needs neither complainant nor complaint document for an officer report or a flagrant crime', () => {
    const parties = [{ id: 'p2', role: 'accused' as const }];
    expect(codes({ ...complete, origin: 'officer_report', parties, documents: [] })).toEqual([]);
    expect(codes({ ...complete, origin: 'flagrant', parties, documents: [{ kind: 'photo' }] })).toEqual([]);
  });

  it('finds custody of somebody not in the file, of somebody not accused, or starting in the future', () => {
    const result = checkReadiness(
      {
        ...complete,
        custody: [
          { partyId: 'gone', startedAt: now },
          { partyId: 'p1', startedAt: now },
          { partyId: 'p2', startedAt: new Date(now.getTime() + 60_000) },
        ],
      },
      now,
    );
    expect(result.missing).toEqual([
      { code: 'readiness.custody_party_missing', path: 'custody.0.partyId' },
      { code: 'readiness.custody_party_not_accused', path: 'custody.1.partyId' },
      { code: 'readiness.custody_starts_in_future', path: 'custody.2.startedAt' },
    ]);
  });
});
