import { describe, expect, it } from 'vitest';
import {
  deficiencyCodes,
  intakeRejectedBodySchema,
  intakeReturnedBodySchema,
  rejectionCodes,
} from '../messages/bodies.js';
import {
  intakeQueueQuerySchema,
  registerIntakeBodySchema,
  rejectIntakeBodySchema,
  returnIntakeBodySchema,
} from './intake.schema.js';

/** The paths of the issues a schema finds in `value`, joined with dots; [] when it fits. */
const issuesOf = (
  schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } },
  value: unknown,
) => schema.safeParse(value).error?.issues.map((i) => i.path.join('.')) ?? [];

const returned = (...codes: string[]) => ({ deficiencies: codes.map((code) => ({ code, text: 'توضیح' })) });
const rejected = (...codes: string[]) => ({ reasons: codes.map((code) => ({ code, text: 'توضیح' })) });

describe('the coded decisions on an intake file', () => {
  it('knows exactly nine deficiency codes and five rejection codes, each in its own family', () => {
    expect(deficiencyCodes).toEqual([
      'deficiency.complaint_document',
      'deficiency.party_identity',
      'deficiency.accused_statement',
      'deficiency.witness_statement',
      'deficiency.evidence',
      'deficiency.medical_report',
      'deficiency.custody_record',
      'deficiency.narrative',
      'deficiency.other',
    ]);
    expect(rejectionCodes).toEqual([
      'rejection.wrong_jurisdiction',
      'rejection.not_criminal',
      'rejection.duplicate',
      'rejection.invalid',
      'rejection.other',
    ]);
  });

  it('returns a file for completion with every deficiency code, one or several', () => {
    for (const code of deficiencyCodes) expect(issuesOf(returnIntakeBodySchema, returned(code))).toEqual([]);
    expect(issuesOf(returnIntakeBodySchema, returned(...deficiencyCodes))).toEqual([]);
  });

  it('does not return a file for an unknown, an empty or a rejection code', () => {
    expect(issuesOf(returnIntakeBodySchema, returned('deficiency.unknown'))).toEqual(['deficiencies.0.code']);
    expect(issuesOf(returnIntakeBodySchema, returned(''))).toEqual(['deficiencies.0.code']);
    expect(issuesOf(returnIntakeBodySchema, returned('deficiency.other', 'rejection.duplicate'))).toEqual([
      'deficiencies.1.code',
    ]);
    expect(issuesOf(returnIntakeBodySchema, returned('DEFICIENCY.OTHER'))).toEqual(['deficiencies.0.code']);
    expect(issuesOf(returnIntakeBodySchema, { deficiencies: [{ text: 'no code' }] })).toEqual([
      'deficiencies.0.code',
    ]);
  });

  it('does not return a file without a deficiency, or with more than fifty', () => {
    expect(issuesOf(returnIntakeBodySchema, returned())).toEqual(['deficiencies']);
    expect(issuesOf(returnIntakeBodySchema, returned(...Array(50).fill('deficiency.other')))).toEqual([]);
    expect(issuesOf(returnIntakeBodySchema, returned(...Array(51).fill('deficiency.other')))).toEqual([
      'deficiencies',
    ]);
  });

  it('keeps a deficiency’s text to 2000 characters, and lets it be empty', () => {
    const withText = (text: string) => ({ deficiencies: [{ code: 'deficiency.other', text }] });
    expect(issuesOf(returnIntakeBodySchema, withText(''))).toEqual([]);
    expect(issuesOf(returnIntakeBodySchema, withText('x'.repeat(2000)))).toEqual([]);
    expect(issuesOf(returnIntakeBodySchema, withText('x'.repeat(2001)))).toEqual(['deficiencies.0.text']);
  });

  it('rejects a file with every rejection code, and names a competent office when told', () => {
    for (const code of rejectionCodes) expect(issuesOf(rejectIntakeBodySchema, rejected(code))).toEqual([]);
    expect(
      issuesOf(rejectIntakeBodySchema, {
        ...rejected('rejection.wrong_jurisdiction'),
        competentOfficeCode: 'DA-1',
      }),
    ).toEqual([]);
    expect(
      issuesOf(rejectIntakeBodySchema, {
        ...rejected('rejection.other'),
        competentOfficeCode: 'x'.repeat(51),
      }),
    ).toEqual(['competentOfficeCode']);
  });

  it('does not reject a file for an unknown, an empty or a deficiency code', () => {
    expect(issuesOf(rejectIntakeBodySchema, rejected('rejection.unknown'))).toEqual(['reasons.0.code']);
    expect(issuesOf(rejectIntakeBodySchema, rejected(''))).toEqual(['reasons.0.code']);
    expect(issuesOf(rejectIntakeBodySchema, rejected('rejection.other', 'deficiency.evidence'))).toEqual([
      'reasons.1.code',
    ]);
  });

  it('does not reject a file without a reason, or with more than twenty', () => {
    expect(issuesOf(rejectIntakeBodySchema, rejected())).toEqual(['reasons']);
    expect(issuesOf(rejectIntakeBodySchema, rejected(...Array(20).fill('rejection.other')))).toEqual([]);
    expect(issuesOf(rejectIntakeBodySchema, rejected(...Array(21).fill('rejection.other')))).toEqual([
      'reasons',
    ]);
    const longText = { reasons: [{ code: 'rejection.other', text: 'x'.repeat(2001) }] };
    expect(issuesOf(rejectIntakeBodySchema, longText)).toEqual(['reasons.0.text']);
  });

  it('holds the messages that carry a decision to the same codes as the forms', () => {
    const at = { returnedAt: '2026-06-01T10:00:00Z' };
    expect(issuesOf(intakeReturnedBodySchema, { ...returned('deficiency.evidence'), ...at })).toEqual([]);
    expect(issuesOf(intakeReturnedBodySchema, { ...returned('rejection.invalid'), ...at })).toEqual([
      'deficiencies.0.code',
    ]);
    expect(issuesOf(intakeReturnedBodySchema, { ...returned(), ...at })).toEqual(['deficiencies']);
    const rejectedAt = { competentOffice: null, rejectedAt: '2026-06-01T10:00:00Z' };
    expect(issuesOf(intakeRejectedBodySchema, { ...rejected('rejection.duplicate'), ...rejectedAt })).toEqual(
      [],
    );
    expect(issuesOf(intakeRejectedBodySchema, { ...rejected('deficiency.other'), ...rejectedAt })).toEqual([
      'reasons.0.code',
    ]);
    expect(issuesOf(intakeRejectedBodySchema, { ...rejected(), ...rejectedAt })).toEqual(['reasons']);
  });

  it('registers a file only with a file number, a branch and a judge that say something', () => {
    const body = { fileNumber: '1405-12', branch: 'شعبه ۱', assignedJudge: 'دادیار' };
    expect(issuesOf(registerIntakeBodySchema, body)).toEqual([]);
    expect(issuesOf(registerIntakeBodySchema, { ...body, fileNumber: '   ' })).toEqual(['fileNumber']);
    expect(issuesOf(registerIntakeBodySchema, { ...body, fileNumber: 'x'.repeat(51) })).toEqual([
      'fileNumber',
    ]);
    expect(issuesOf(registerIntakeBodySchema, { ...body, branch: 'x'.repeat(101) })).toEqual(['branch']);
    expect(issuesOf(registerIntakeBodySchema, { ...body, assignedJudge: 'x'.repeat(201) })).toEqual([
      'assignedJudge',
    ]);
    expect(issuesOf(registerIntakeBodySchema, { ...body, assignedJudge: 'x'.repeat(200) })).toEqual([]);
  });

  it('reads the queue’s filters and pages from a query string, with defaults', () => {
    expect(intakeQueueQuerySchema.parse({})).toEqual({ pageSize: 20 });
    // Pages go by cursor (keyset), not by number: a `page` is no filter of the queue and is dropped.
    expect(intakeQueueQuerySchema.parse({ custody: 'true', page: '3', pageSize: '100' })).toEqual({
      custody: true,
      pageSize: 100,
    });
    expect(intakeQueueQuerySchema.parse({ custody: 'false' }).custody).toBe(false);
    expect(issuesOf(intakeQueueQuerySchema, { pageSize: '101' })).toEqual(['pageSize']);
    expect(issuesOf(intakeQueueQuerySchema, { pageSize: '0' })).toEqual(['pageSize']);
    expect(issuesOf(intakeQueueQuerySchema, { status: 'archived' })).toEqual(['status']);
    expect(issuesOf(intakeQueueQuerySchema, { custody: 'yes' })).toEqual(['custody']);
  });
});
