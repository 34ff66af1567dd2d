import type { OrganisationKind } from '../../domain/roles.js';

/**
 * The demo's geography: Tehran province (IR-23) with two counties, ten police units, two
 * prosecutors' offices (each competent for one county), an escort unit and the provincial HQ.
 * Names follow the real naming patterns (کلانتری ۱۰۱ …, پاسگاه انتظامی …, دادسرای عمومی و انقلاب …);
 * the numbers and the pairing with neighbourhoods are invented.
 */
export const DEMO_PROVINCE = 'IR-23';

export interface DemoCounty {
  code: string;
  nameFa: string;
  nameEn: string;
  /** Written before an address in this county (تهران، … / شهریار، …). */
  cityFa: string;
}

export const demoCounties: readonly DemoCounty[] = [
  { code: 'IR-23-TEHRAN', nameFa: 'تهران', nameEn: 'Tehran', cityFa: 'تهران' },
  { code: 'IR-23-SHAHRIAR', nameFa: 'شهریار', nameEn: 'Shahriar', cityFa: 'شهریار' },
];

export interface DemoOrganisation {
  code: string;
  kind: OrganisationKind;
  nameFa: string;
  nameEn: string;
  countyCode: string;
  /** For police units: the neighbourhood and streets its incidents happen in. */
  area?: { neighbourhoodFa: string; streetsFa: readonly string[] };
}

const TEHRAN = 'IR-23-TEHRAN';
const SHAHRIAR = 'IR-23-SHAHRIAR';

/** The ten police units (stations and outposts), in the order their demo officers are numbered. */
export const demoStations: readonly DemoOrganisation[] = [
  {
    code: 'KL-101',
    kind: 'station',
    nameFa: 'کلانتری ۱۰۱ تهران‌پارس',
    nameEn: 'Police Station 101 Tehranpars',
    countyCode: TEHRAN,
    area: {
      neighbourhoodFa: 'تهران‌پارس',
      streetsFa: ['خیابان جشنواره', 'خیابان رشید', 'خیابان گلبرگ', 'بلوار پروین', 'خیابان فرجام'],
    },
  },
  {
    code: 'KL-102',
    kind: 'station',
    nameFa: 'کلانتری ۱۰۲ نارمک',
    nameEn: 'Police Station 102 Narmak',
    countyCode: TEHRAN,
    area: {
      neighbourhoodFa: 'نارمک',
      streetsFa: ['خیابان آیت', 'خیابان گلبرگ غربی', 'خیابان هنگام', 'میدان هفت‌حوض', 'خیابان سمنگان'],
    },
  },
  {
    code: 'KL-103',
    kind: 'station',
    nameFa: 'کلانتری ۱۰۳ پیروزی',
    nameEn: 'Police Station 103 Piroozi',
    countyCode: TEHRAN,
    area: {
      neighbourhoodFa: 'پیروزی',
      streetsFa: ['خیابان پیروزی', 'خیابان نبرد', 'خیابان شکوفه', 'خیابان سی‌متری نیروی هوایی'],
    },
  },
  {
    code: 'KL-104',
    kind: 'station',
    nameFa: 'کلانتری ۱۰۴ نظام‌آباد',
    nameEn: 'Police Station 104 Nezamabad',
    countyCode: TEHRAN,
    area: {
      neighbourhoodFa: 'نظام‌آباد',
      streetsFa: ['خیابان شهید مدنی', 'خیابان گرگان', 'خیابان وحیدیه', 'خیابان اتحاد'],
    },
  },
  {
    code: 'KL-105',
    kind: 'station',
    nameFa: 'کلانتری ۱۰۵ مجیدیه',
    nameEn: 'Police Station 105 Majidieh',
    countyCode: TEHRAN,
    area: {
      neighbourhoodFa: 'مجیدیه',
      streetsFa: ['خیابان استاد حسن بنا', 'خیابان کرمان', 'خیابان سبلان', 'بزرگراه رسالت'],
    },
  },
  {
    code: 'KL-106',
    kind: 'station',
    nameFa: 'کلانتری ۱۰۶ دماوند',
    nameEn: 'Police Station 106 Damavand',
    countyCode: TEHRAN,
    area: {
      neighbourhoodFa: 'دماوند',
      streetsFa: ['خیابان دماوند', 'خیابان سراج', 'خیابان زاهدگیلانی', 'خیابان استخر'],
    },
  },
  {
    code: 'KL-201',
    kind: 'station',
    nameFa: 'کلانتری ۲۰۱ شهریار',
    nameEn: 'Police Station 201 Shahriar',
    countyCode: SHAHRIAR,
    area: {
      neighbourhoodFa: 'مرکز شهر',
      streetsFa: ['خیابان ولیعصر', 'خیابان امام خمینی', 'بلوار ملت', 'خیابان شهید بهشتی'],
    },
  },
  {
    code: 'KL-202',
    kind: 'station',
    nameFa: 'کلانتری ۲۰۲ اندیشه',
    nameEn: 'Police Station 202 Andisheh',
    countyCode: SHAHRIAR,
    area: {
      neighbourhoodFa: 'شهر اندیشه',
      streetsFa: ['بلوار اندیشه', 'خیابان گلستان', 'خیابان بهار', 'فاز ۳'],
    },
  },
  {
    code: 'PS-211',
    kind: 'outpost',
    nameFa: 'پاسگاه انتظامی وحیدیه',
    nameEn: 'Police Outpost Vahidieh',
    countyCode: SHAHRIAR,
    area: { neighbourhoodFa: 'وحیدیه', streetsFa: ['جاده قدیم شهریار', 'خیابان اصلی وحیدیه', 'کوچه باغ‌ها'] },
  },
  {
    code: 'PS-212',
    kind: 'outpost',
    nameFa: 'پاسگاه انتظامی صباشهر',
    nameEn: 'Police Outpost Sabashahr',
    countyCode: SHAHRIAR,
    area: { neighbourhoodFa: 'صباشهر', streetsFa: ['بلوار امام رضا', 'خیابان فردوسی', 'جاده صباشهر'] },
  },
];

/** The prosecutors' offices, each competent for one county (a jurisdiction rule per county). */
export const demoOffices: readonly DemoOrganisation[] = [
  {
    code: 'DA-TEH-4',
    kind: 'prosecutor_office',
    nameFa: 'دادسرای عمومی و انقلاب ناحیه ۴ تهران',
    nameEn: 'Public and Revolutionary Prosecutor’s Office, District 4, Tehran',
    countyCode: TEHRAN,
  },
  {
    code: 'DA-SHAHRIAR',
    kind: 'prosecutor_office',
    nameFa: 'دادسرای عمومی و انقلاب شهرستان شهریار',
    nameEn: 'Public and Revolutionary Prosecutor’s Office, Shahriar',
    countyCode: SHAHRIAR,
  },
];

/** The escort unit and the provincial HQ (supervisor and administrator). */
export const demoSupportUnits: readonly DemoOrganisation[] = [
  {
    code: 'ESC-TEH',
    kind: 'escort_unit',
    nameFa: 'یگان حفاظت و بدرقه تهران',
    nameEn: 'Tehran Escort Unit',
    countyCode: TEHRAN,
  },
  {
    code: 'HQ-TEH',
    kind: 'hq',
    nameFa: 'فرماندهی انتظامی تهران بزرگ',
    nameEn: 'Greater Tehran Police Headquarters',
    countyCode: TEHRAN,
  },
];
