import { describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/roles.js';
import type { OrganisationKind } from '../../../domain/roles.js';
import { exchangeAreas } from './office-areas.js';

const user = (role: Role, kind: OrganisationKind) => ({
  role,
  org: { id: 'o', code: 'X', kind, nameFa: 'ی', nameEn: 'U' },
});

describe('exchangeAreas', () => {
  it('opens the intake queue to the office\u2019s clerk and judge, and the orders tracker to the judge', () => {
    expect(exchangeAreas(user('prosecutor.clerk', 'prosecutor_office'))).toEqual({
      intake: true,
      orders: false,
    });
    expect(exchangeAreas(user('prosecutor.judge', 'prosecutor_office'))).toEqual({
      intake: true,
      orders: true,
    });
  });

  it('opens the orders tracker to station roles, and nothing to others', () => {
    expect(exchangeAreas(user('station.officer', 'station'))).toEqual({ intake: false, orders: true });
    expect(exchangeAreas(user('station.chief', 'outpost'))).toEqual({ intake: false, orders: true });
    expect(exchangeAreas(user('admin', 'hq'))).toEqual({ intake: false, orders: false });
    expect(exchangeAreas(user('escort.officer', 'escort_unit'))).toEqual({ intake: false, orders: false });
  });
});
