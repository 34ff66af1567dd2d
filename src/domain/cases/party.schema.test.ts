import { describe, expect, it } from 'vitest';
import { toPersianDigits } from '../persian-text.js';
import { addPartyBodySchema, missingIdentity, updatePartyBodySchema } from './party.schema.js';

const VALID_ID = '0499370899';
const issuesOf = (body: unknown) => {
  const result = addPartyBodySchema.safeParse(body);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('the party body', () => {
  it('accepts a national ID in Persian or Arabic digits and keeps it in Latin digits', () => {
    const persian = addPartyBodySchema.parse({
      role: 'complainant',
      firstName: 'علی',
      lastName: 'رضایی',
      nationalId: toPersianDigits(VALID_ID),
    });
    expect(persian.nationalId).toBe(VALID_ID);
    const arabic = addPartyBodySchema.parse({
      role: 'complainant',
      firstName: 'علی',
      lastName: 'رضایی',
      nationalId: '٠٤٩٩٣٧٠٨٩٩',
    });
    expect(arabic.nationalId).toBe(VALID_ID);
  });

  it('refuses a national ID whose check digit is wrong, with the domain code', () => {
    expect(issuesOf({ role: 'accused', firstName: 'a', lastName: 'b', nationalId: '0499370898' })).toEqual([
      { path: 'nationalId', message: 'parties.invalid_national_id' },
    ]);
  });

  it('needs a national ID for an Iranian complainant or informant, but not for an accused or a witness', () => {
    expect(issuesOf({ role: 'complainant', firstName: 'a', lastName: 'b' })).toEqual([
      { path: 'nationalId', message: 'parties.identity_required' },
    ]);
    expect(issuesOf({ role: 'informant', firstName: 'a', lastName: 'b' })).toEqual([
      { path: 'nationalId', message: 'parties.identity_required' },
    ]);
    expect(issuesOf({ role: 'accused', firstName: 'a', lastName: 'b' })).toEqual([]);
    expect(issuesOf({ role: 'witness', firstName: 'a', lastName: 'b' })).toEqual([]);
  });

  it('needs a passport number instead for a foreign complainant', () => {
    expect(
      issuesOf({
        role: 'complainant',
        firstName: 'a',
        lastName: 'b',
        nationality: 'af',
        nationalId: VALID_ID,
      }),
    ).toEqual([{ path: 'passportNumber', message: 'parties.identity_required' }]);
    const parsed = addPartyBodySchema.parse({
      role: 'complainant',
      firstName: 'a',
      lastName: 'b',
      nationality: 'af',
      passportNumber: 'p۱۲۳۴۵۶۷',
    });
    expect(parsed).toMatchObject({ nationality: 'AF', passportNumber: 'P1234567' });
  });

  it('keeps a mobile number typed in Persian digits or with +98 as 09xxxxxxxxx, and refuses other numbers', () => {
    const parse = (mobile: string) =>
      addPartyBodySchema.safeParse({ role: 'witness', firstName: 'a', lastName: 'b', mobile });
    expect(parse('۰۹۱۲ ۳۴۵ ۶۷۸۹').data?.mobile).toBe('09123456789');
    expect(parse('+989123456789').data?.mobile).toBe('09123456789');
    expect(parse('021-88776655').error?.issues[0]?.message).toBe('parties.invalid_mobile');
  });

  it('keeps names and addresses exactly as typed: spaces, Arabic letters, ZWNJ and markup included', () => {
    const typed = {
      role: 'witness',
      firstName: ' علي\u200cرضا ',
      lastName: "<b>O'Brien</b>; drop table parties;--",
      address: 'كوچه‌ی ۲',
    };
    expect(addPartyBodySchema.parse(typed)).toMatchObject(typed);
  });

  it('refuses a name of only spaces', () => {
    expect(issuesOf({ role: 'witness', firstName: '   ', lastName: 'b' })).toEqual([
      { path: 'firstName', message: 'validation.blank' },
    ]);
  });

  it('lets an update carry any subset of the fields, and null to clear one', () => {
    expect(updatePartyBodySchema.parse({ mobile: null })).toEqual({ mobile: null });
    expect(updatePartyBodySchema.safeParse({ nationalId: '1234567890' }).error?.issues[0]?.message).toBe(
      'parties.invalid_national_id',
    );
  });

  it('decides who is identified enough the same way for updates', () => {
    expect(missingIdentity({ role: 'complainant', nationality: 'IR', nationalId: null })).toBe('nationalId');
    expect(missingIdentity({ role: 'complainant', nationality: 'IR', nationalId: VALID_ID })).toBeNull();
    expect(missingIdentity({ role: 'witness', nationality: 'DE' })).toBeNull();
  });
});
