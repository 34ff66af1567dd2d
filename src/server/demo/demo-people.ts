import { nationalIdCheckDigit } from '../../domain/national-id.js';
import { toPersianDigits } from '../../domain/persian-text.js';
import { familyNames, femaleFirstNames, maleFirstNames } from './persian-names.js';
import type { Random } from './random.js';

/** A made-up person: names as written, identifiers with Latin digits (as stored). */
export interface DemoPerson {
  firstName: string;
  lastName: string;
  fatherName: string;
  nationalId: string;
  mobile: string;
}

// Leading three digits of national IDs issued in Tehran province (the registry office code).
const NATIONAL_ID_PREFIXES = [
  '001',
  '002',
  '003',
  '004',
  '005',
  '006',
  '007',
  '008',
  '011',
  '020',
  '045',
  '049',
];
// Mobile operator prefixes (Hamrah-e Aval 091x/099x, Irancell 093x/090x, Rightel 0921).
const MOBILE_PREFIXES = ['0912', '0919', '0935', '0936', '0901', '0902', '0921', '0990', '0910', '0937'];

/** A valid national ID (کد ملی): a Tehran registry prefix, six digits, and the check digit. */
export function demoNationalId(random: Random): string {
  const prefix = random.pick(NATIONAL_ID_PREFIXES);
  const middle = random.digits(6);
  // Six zeros after the prefix are never issued (see `isValidNationalId`).
  const first9 = prefix + (middle === '000000' ? '000001' : middle);
  return first9 + String(nationalIdCheckDigit(first9));
}

/** An Iranian mobile number, `09xxxxxxxxx`. */
export function demoMobile(random: Random): string {
  return random.pick(MOBILE_PREFIXES) + random.digits(7);
}

/** A person of either sex with a father's name, a national ID and a mobile. */
export function demoPerson(
  random: Random,
  sex: 'male' | 'female' = random.chance(0.7) ? 'male' : 'female',
): DemoPerson {
  return {
    firstName: random.pick(sex === 'male' ? maleFirstNames : femaleFirstNames),
    lastName: random.pick(familyNames),
    fatherName: random.pick(maleFirstNames),
    nationalId: demoNationalId(random),
    mobile: demoMobile(random),
  };
}

/** A street address in the unit's area, written as Iranians write it (Persian digits). */
export function demoAddress(random: Random, city: string, neighbourhood: string, street: string): string {
  const alley = random.chance(0.5)
    ? `کوچه ${toPersianDigits(random.int(1, 40))}`
    : `کوچه شهید ${random.pick(familyNames)}`;
  const unit = random.chance(0.6) ? `، واحد ${toPersianDigits(random.int(1, 24))}` : '';
  return `${city}، ${neighbourhood}، ${street}، ${alley}، پلاک ${toPersianDigits(random.int(1, 250))}${unit}`;
}
