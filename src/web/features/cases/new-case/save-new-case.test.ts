import { describe, expect, it } from 'vitest';
import { formPathOf, newCaseBodyOf, type NewCaseValues } from './save-new-case.js';

const values: NewCaseValues = {
  origin: 'complaint',
  narrative: '  ',
  crimeCategoryCode: 'theft',
  parties: [
    {
      key: 'p1',
      role: 'complainant',
      firstName: ' علی ',
      lastName: 'رضایی',
      nationalId: '0499370899',
      mobile: '',
    },
    {
      key: 'p2',
      role: 'accused',
      firstName: 'حسن',
      lastName: 'کریمی',
      inCustody: true,
      custodyStartedAt: '2025-11-28T20:00:00.000Z',
    },
    {
      key: 'p3',
      role: 'accused',
      firstName: 'رضا',
      lastName: 'نوری',
      inCustody: false,
      custodyStartedAt: 'x',
    },
  ],
};

describe('the new-case request', () => {
  it('carries the case, its parties and the custody of each accused held, in one body, without blanks', () => {
    expect(newCaseBodyOf(values)).toEqual({
      origin: 'complaint',
      accusedUnknown: false,
      crimeCategoryCode: 'theft',
      parties: [
        { role: 'complainant', firstName: 'علی', lastName: 'رضایی', nationalId: '0499370899' },
        {
          role: 'accused',
          firstName: 'حسن',
          lastName: 'کریمی',
          custodyStartedAt: '2025-11-28T20:00:00.000Z',
        },
        { role: 'accused', firstName: 'رضا', lastName: 'نوری' },
      ],
    });
  });

  it('places a refusal of the request on the form field it names', () => {
    expect(formPathOf('body.parties.1.mobile')).toEqual(['parties', 1, 'mobile']);
    expect(formPathOf('body.parties.0.custodyStartedAt')).toEqual(['parties', 0, 'custodyStartedAt']);
    expect(formPathOf('body.narrative')).toEqual(['narrative']);
  });
});
