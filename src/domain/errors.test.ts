import { describe, expect, it } from 'vitest';
import { AppError, describeError, errorMessages, errorStatus, type ErrorCode } from './errors.js';

const codes = Object.keys(errorStatus) as ErrorCode[];

describe('error codes and their English sentences', () => {
  it('gives every code a sentence that says what was wrong, never the code itself', () => {
    expect(Object.keys(errorMessages).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      const sentence = errorMessages[code];
      expect(sentence, code).not.toContain(code);
      expect(sentence, code).toMatch(/^[A-Z].*[.)]$/);
    }
  });

  it('puts the sentence in an AppError thrown with only its code', () => {
    expect(new AppError('auth.locked').message).toBe(errorMessages['auth.locked']);
    expect(new AppError('cases.not_found', { message: 'No such case here.' }).message).toBe(
      'No such case here.',
    );
  });

  it('names the fields an error concerns', () => {
    const issues = [
      { path: 'body.narrative', code: 'validation.invalid_text' },
      { path: 'body.parties.0.firstName', code: 'validation.invalid_text' },
      { path: 'body.narrative', code: 'validation.too_big' },
    ];
    expect(describeError('validation.invalid_text', issues)).toBe(
      `${errorMessages['validation.invalid_text']} Fields: body.narrative, body.parties.0.firstName.`,
    );
    expect(new AppError('request.invalid', { issues: [issues[0]!] }).message).toBe(
      'The request is not valid. Field: body.narrative.',
    );
  });
});
