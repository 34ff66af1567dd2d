import { demoAddress, demoPerson, type DemoPerson } from './demo-people.js';
import { demoNarrative } from './narratives.js';
import { createRandom, type Random } from './random.js';
import { demoTrackingCode } from './tracking-code.js';

/** A police unit cases can be generated for: where it is and who may author its cases. */
export interface DemoCaseStation {
  id: string;
  countyCode: string;
  provinceCode: string;
  cityFa: string;
  neighbourhoodFa: string;
  streetsFa: readonly string[];
  /** Users of the unit who open its cases (at least one). */
  authorIds: readonly string[];
  /** Relative share of the cases (the units with demo log-ins get more). */
  weight: number;
}

export type DemoPartyRole = 'complainant' | 'accused' | 'witness' | 'informant';

export interface DemoPartyPlan extends DemoPerson {
  role: DemoPartyRole;
  address: string | null;
}

export interface DemoCustodyPlan {
  /** Index into the case's parties (always an accused). */
  partyIndex: number;
  startedAt: Date;
  endedAt: Date | null;
  endReason: 'released' | 'bail' | 'handed_to_prosecutor' | null;
}

/** Everything about one demo case except what the database allocates (ids, sequence, case number). */
export interface DemoCasePlan {
  index: number;
  station: DemoCaseStation;
  createdAt: Date;
  createdBy: string;
  origin: 'complaint' | 'officer_report' | 'flagrant';
  trackingCode: string | null;
  crimeCategoryCode: string;
  incidentAt: Date;
  incidentAddress: string;
  narrative: string;
  accusedUnknown: boolean;
  parties: DemoPartyPlan[];
  custody: DemoCustodyPlan | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Open custodies start inside this window before "now", so some are near or past the 24-hour limit. */
const CUSTODY_WINDOW = 30 * HOUR;
const CUSTODY_CATEGORIES = ['theft', 'assault', 'drugs', 'domestic_violence', 'threat'];

/** How many of `total` cases have a person in custody now: 15 of 200, at most 150. */
export function openCustodyCount(total: number): number {
  if (total <= 0) return 0;
  return Math.min(total, 150, Math.max(1, Math.round(total * 0.075)));
}

/**
 * Plans `total` demo cases, one at a time, deterministically from `seed` and `now`: the older cases
 * spread over the past months (at least 90 days; longer for big runs, ~2,000 a day), then the cases
 * with a person in custody now, opened in the last 30 hours. Cases come out in time order, so the
 * sequence numbers the database allocates follow the dates.
 */
export function createDemoCasePlanner(input: {
  seed: number;
  total: number;
  now: Date;
  stations: readonly DemoCaseStation[];
  crimeCategoryCodes: readonly string[];
}): { next(): DemoCasePlan | null } {
  const random = createRandom(input.seed);
  const { total, stations } = input;
  if (stations.length === 0) throw new RangeError('no stations to generate cases for');
  const custodyCount = openCustodyCount(total);
  const olderCount = total - custodyCount;
  const now = input.now.getTime();
  const olderEnd = now - CUSTODY_WINDOW;
  const olderSpan = Math.max(90, Math.ceil(total / 2000)) * DAY;
  const trackingCodes = new Set<string>();
  const totalWeight = stations.reduce((sum, s) => sum + s.weight, 0);
  let index = 0;

  const pickStation = (): DemoCaseStation => {
    let r = random.next() * totalWeight;
    for (const s of stations) {
      r -= s.weight;
      if (r < 0) return s;
    }
    return stations[stations.length - 1] as DemoCaseStation;
  };
  const uniqueTrackingCode = (): string => {
    for (;;) {
      const code = demoTrackingCode(random);
      if (!trackingCodes.has(code)) {
        trackingCodes.add(code);
        return code;
      }
    }
  };

  return {
    next(): DemoCasePlan | null {
      if (index >= total) return null;
      const i = index++;
      const inCustody = i >= olderCount;
      // Evenly spaced with jitter, so that dates increase with the index.
      const createdAtMs = inCustody
        ? olderEnd +
          ((i - olderCount + random.next()) / custodyCount) * (CUSTODY_WINDOW - 10 * MINUTE) +
          5 * MINUTE
        : olderEnd - olderSpan + ((i + random.next()) / Math.max(1, olderCount)) * olderSpan;
      return planCase({
        random,
        index: i,
        station: pickStation(),
        createdAt: new Date(Math.floor(createdAtMs)),
        inCustody,
        now,
        categories: input.crimeCategoryCodes,
        trackingCode: uniqueTrackingCode,
      });
    },
  };
}

function planCase(p: {
  random: Random;
  index: number;
  station: DemoCaseStation;
  createdAt: Date;
  inCustody: boolean;
  now: number;
  categories: readonly string[];
  trackingCode: () => string;
}): DemoCasePlan {
  const { random, station, createdAt } = p;
  const created = createdAt.getTime();
  const origin = p.inCustody
    ? random.chance(0.6)
      ? 'flagrant'
      : 'officer_report'
    : random.chance(0.6)
      ? 'complaint'
      : random.chance(0.6)
        ? 'officer_report'
        : 'flagrant';
  const category = p.inCustody ? random.pick(CUSTODY_CATEGORIES) : random.pick(p.categories);
  const street = random.pick(station.streetsFa);
  const address = () =>
    demoAddress(random, station.cityFa, station.neighbourhoodFa, random.pick(station.streetsFa));

  const parties: DemoPartyPlan[] = [];
  if (origin === 'complaint' || random.chance(0.3)) {
    const sex = category === 'domestic_violence' ? 'female' : undefined;
    parties.push({ role: 'complainant', ...demoPerson(random, sex), address: address() });
  }
  const accusedKnown =
    p.inCustody || origin === 'flagrant' || random.chance(origin === 'complaint' ? 0.7 : 0.8);
  if (accusedKnown)
    parties.push({
      role: 'accused',
      ...demoPerson(random, random.chance(0.85) ? 'male' : 'female'),
      address: random.chance(0.6) ? address() : null,
    });
  if (random.chance(0.25))
    parties.push({ role: 'witness', ...demoPerson(random), address: random.chance(0.5) ? address() : null });
  if (origin !== 'complaint' && random.chance(0.1))
    parties.push({ role: 'informant', ...demoPerson(random), address: null });

  const incidentBefore =
    origin === 'flagrant'
      ? random.int(10, 120) * MINUTE
      : origin === 'complaint'
        ? random.int(30, 5 * 24 * 60) * MINUTE
        : random.int(1, 48) * HOUR;
  const accusedIndex = parties.findIndex((x) => x.role === 'accused');
  let custody: DemoCustodyPlan | null = null;
  if (accusedIndex >= 0 && (p.inCustody || (origin !== 'complaint' && random.chance(0.15)))) {
    // Held from shortly before the case was opened, never before the incident (the custody rule of
    // `custody-start.ts`); a custody still open began inside the window.
    const before = Math.min(random.int(0, 60) * MINUTE, incidentBefore);
    const startedAt = new Date(
      p.inCustody ? Math.max(created - before, p.now - CUSTODY_WINDOW) : created - before,
    );
    custody = p.inCustody
      ? { partyIndex: accusedIndex, startedAt, endedAt: null, endReason: null }
      : {
          partyIndex: accusedIndex,
          startedAt,
          endedAt: new Date(startedAt.getTime() + random.int(2, 20) * HOUR),
          endReason: random.pick(['released', 'bail', 'handed_to_prosecutor'] as const),
        };
  }
  return {
    index: p.index,
    station,
    createdAt,
    createdBy: random.pick(station.authorIds),
    origin,
    trackingCode: origin === 'complaint' ? p.trackingCode() : null,
    crimeCategoryCode: category,
    incidentAt: new Date(created - incidentBefore),
    incidentAddress: demoAddress(random, station.cityFa, station.neighbourhoodFa, street),
    narrative: demoNarrative(random, category, street),
    accusedUnknown: !accusedKnown,
    parties,
    custody,
  };
}
