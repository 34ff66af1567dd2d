import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/client.js';
import {
  nothingSaved,
  SaveFailed,
  saveNewCase,
  type NewCaseValues,
  type SaveCalls,
} from './save-new-case.js';

const values: NewCaseValues = {
  origin: 'complaint',
  narrative: '  ',
  crimeCategoryCode: 'theft',
  parties: [
    {
      key: 'p1',
      role: 'complainant',
      firstName: 'علی',
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
  ],
};

function calls(overrides: Partial<SaveCalls> = {}): SaveCalls {
  let n = 0;
  return {
    createCase: vi.fn(async () => ({ id: 'case-1' })),
    updateCase: vi.fn(async () => ({})),
    addParty: vi.fn(async () => ({ id: `party-${++n}` })),
    updateParty: vi.fn(async () => ({})),
    startCustody: vi.fn(async () => ({ id: 'custody-1' })),
    ...overrides,
  };
}

describe('saveNewCase', () => {
  it('creates the case, then its parties, then the custody, without empty fields', async () => {
    const api = calls();
    const saved = nothingSaved();
    await expect(saveNewCase(values, saved, api)).resolves.toBe('case-1');
    expect(api.createCase).toHaveBeenCalledWith({
      origin: 'complaint',
      crimeCategoryCode: 'theft',
      accusedUnknown: false,
    });
    expect(api.addParty).toHaveBeenNthCalledWith(1, 'case-1', {
      role: 'complainant',
      firstName: 'علی',
      lastName: 'رضایی',
      nationalId: '0499370899',
    });
    expect(api.startCustody).toHaveBeenCalledWith('case-1', 'party-2', '2025-11-28T20:00:00.000Z');
    expect(saved).toEqual({
      caseId: 'case-1',
      parties: { p1: 'party-1', p2: 'party-2' },
      custody: { p2: 'custody-1' },
    });
  });

  it('says which party failed, and on the next attempt continues without creating anything twice', async () => {
    const refusal = new ApiError(400, 'parties.invalid_national_id', 'bad');
    const addParty = vi
      .fn()
      .mockResolvedValueOnce({ id: 'party-1' })
      .mockRejectedValueOnce(refusal)
      .mockResolvedValueOnce({ id: 'party-2' });
    const api = calls({ addParty });
    const saved = nothingSaved();

    const failure = await saveNewCase(values, saved, api).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SaveFailed);
    expect(failure).toMatchObject({ step: 'party', partyIndex: 1, cause: refusal });

    await expect(saveNewCase(values, saved, api)).resolves.toBe('case-1');
    expect(api.createCase).toHaveBeenCalledTimes(1);
    expect(api.updateCase).toHaveBeenCalledTimes(1);
    expect(api.updateParty).toHaveBeenCalledWith(
      'case-1',
      'party-1',
      expect.objectContaining({ firstName: 'علی' }),
    );
    expect(addParty).toHaveBeenCalledTimes(3);
    expect(api.startCustody).toHaveBeenCalledTimes(1);
  });
});
