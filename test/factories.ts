import { randomBytes } from 'node:crypto';
import { nationalIdCheckDigit } from '../src/domain/national-id.js';
import type { Role } from '../src/domain/roles.js';
import type { Db } from '../src/server/db/client.js';
import { systemClock } from '../src/server/platform/clock.js';
import { createOrganisation, setJurisdictionRule } from '../src/server/modules/organisations/organisations.usecases.js';
import { createUser } from '../src/server/modules/users/users.usecases.js';

const suffix = () => randomBytes(3).toString('hex').toUpperCase();

/** A new organisation (a station unless told otherwise) in a test county of Tehran province. */
export async function makeOrganisation(db: Db, options: { kind?: 'station' | 'outpost' | 'prosecutor_office' | 'hq'; countyCode?: string } = {}) {
  const kind = options.kind ?? 'station';
  const code = `${kind === 'prosecutor_office' ? 'DA' : kind === 'hq' ? 'HQ' : 'KL'}-${suffix()}`;
  return createOrganisation({
    db,
    clock: systemClock,
    actor: null,
    nodeId: 'node-test',
    body: { code, kind, nameFa: `واحد ${code}`, nameEn: `Unit ${code}`, provinceCode: 'IR-23', countyCode: options.countyCode ?? 'IR-23-TEHRAN' },
  });
}

/** A station and its competent prosecutor's office, linked by a county rule. */
export async function makeJurisdiction(db: Db) {
  const countyCode = `IR-23-C${suffix()}`;
  const office = await makeOrganisation(db, { kind: 'prosecutor_office', countyCode });
  const station = await makeOrganisation(db, { kind: 'station', countyCode });
  await setJurisdictionRule({ db, clock: systemClock, actor: null, rule: { countyCode, prosecutorOfficeId: office.id } });
  return { station, office, countyCode };
}

export const TEST_PASSWORD = 'correct horse battery';

/** A user with the given role in the given organisation; password `TEST_PASSWORD`. */
export async function makeUser(db: Db, orgId: string, role: Role) {
  const username = `u${suffix().toLowerCase()}${randomBytes(2).toString('hex')}`;
  return createUser({ db, clock: systemClock, actor: null, body: { orgId, username, displayName: `کاربر ${username}`, role, password: TEST_PASSWORD } });
}

/** A random valid national ID (کد ملی). */
export function makeNationalId(): string {
  let first9 = '';
  do {
    first9 = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10)).join('');
  } while (/^(\d)\1{8}$/.test(first9));
  return first9 + String(nationalIdCheckDigit(first9));
}
