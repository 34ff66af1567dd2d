import { describe, expect, it } from 'vitest';
import { deficiencyCodes } from '../../../domain/messages/bodies.js';
import { reasonsProblem, setReasonText, toggleReason } from './coded-reasons.js';

describe('coded reasons', () => {
  it('keeps picked codes in the order of the code list, with the text typed for each', () => {
    let picked = toggleReason(deficiencyCodes, [], 'deficiency.evidence', true);
    picked = setReasonText(picked, 'deficiency.evidence', 'صورت‌جلسه‌ی کشف');
    picked = toggleReason(deficiencyCodes, picked, 'deficiency.complaint_document', true);
    expect(picked).toEqual([
      { code: 'deficiency.complaint_document', text: '' },
      { code: 'deficiency.evidence', text: 'صورت‌جلسه‌ی کشف' },
    ]);
    expect(toggleReason(deficiencyCodes, picked, 'deficiency.evidence', false)).toEqual([
      { code: 'deficiency.complaint_document', text: '' },
    ]);
  });

  it('asks for at least one code', () => {
    expect(reasonsProblem([])).toBe('intake.reasons.noneChosen');
  });

  it('asks for a text when "other" is picked, and for none otherwise', () => {
    expect(reasonsProblem([{ code: 'deficiency.other', text: '  ' }])).toBe('intake.reasons.otherNeedsText');
    expect(reasonsProblem([{ code: 'rejection.other', text: '' }])).toBe('intake.reasons.otherNeedsText');
    expect(reasonsProblem([{ code: 'deficiency.other', text: 'نشانی متهم' }])).toBeNull();
    expect(reasonsProblem([{ code: 'deficiency.evidence', text: '' }])).toBeNull();
  });

  it('refuses a text longer than the server accepts', () => {
    expect(reasonsProblem([{ code: 'deficiency.evidence', text: 'x'.repeat(2001) }])).toBe(
      'intake.reasons.tooLong',
    );
  });
});
