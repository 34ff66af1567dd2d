import type { Role } from '../../domain/roles.js';
import { demoStations } from './demo-places.js';

/** A demo account: who, in which organisation (by code), with which role. */
export interface DemoUserSpec {
  username: string;
  role: Role;
  orgCode: string;
  displayName: string;
}

const stationCode = (i: number): string => {
  const station = demoStations[i];
  if (!station) throw new RangeError(`no demo station ${i}`);
  return station.code;
};

/**
 * One account per role (officer, chief, clerk, judge, escort, supervisor, admin), a second officer
 * and chief in the second station (to show that stations do not see each other's cases), and one
 * officer in each other unit so that every unit's cases have an author of its own.
 */
export const demoUsers: readonly DemoUserSpec[] = [
  {
    username: 'officer',
    role: 'station.officer',
    orgCode: stationCode(0),
    displayName: 'ستوان دوم علی رضایی',
  },
  { username: 'chief', role: 'station.chief', orgCode: stationCode(0), displayName: 'سرگرد حسین احمدی' },
  {
    username: 'officer2',
    role: 'station.officer',
    orgCode: stationCode(1),
    displayName: 'ستوان یکم مهدی کریمی',
  },
  { username: 'chief2', role: 'station.chief', orgCode: stationCode(1), displayName: 'سرگرد مرتضی جعفری' },
  ...demoStations.slice(2).map((s, i) => ({
    username: `officer${i + 3}`,
    role: 'station.officer' as const,
    orgCode: s.code,
    displayName: `افسر نگهبان ${s.nameFa}`,
  })),
  { username: 'clerk', role: 'prosecutor.clerk', orgCode: 'DA-TEH-4', displayName: 'مریم حسینی (مدیر دفتر)' },
  { username: 'judge', role: 'prosecutor.judge', orgCode: 'DA-TEH-4', displayName: 'سعید موسوی (بازپرس)' },
  { username: 'escort', role: 'escort.officer', orgCode: 'ESC-TEH', displayName: 'استوار یکم رضا نوری' },
  { username: 'supervisor', role: 'supervisor', orgCode: 'HQ-TEH', displayName: 'سرهنگ محمد هاشمی' },
  { username: 'admin', role: 'admin', orgCode: 'HQ-TEH', displayName: 'مدیر سامانه' },
];
