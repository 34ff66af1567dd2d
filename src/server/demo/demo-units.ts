import { toPersianDigits } from '../../domain/persian-text.js';
import type { RegisterUnit } from '../../domain/rollout/units.schema.js';
import { provinces } from '../db/reference/provinces.js';
import { demoStations } from './demo-places.js';
import { createRandom, type Random } from './random.js';

/** About as many units as the country's active stations and posts (docs/design.md §3). */
export const DEMO_REGISTER_UNITS = 3000;

/**
 * Each province's centre and its rough weight (population, millions) — the share of units it gets. Synthetic:
 * the figures of the demo register are made up, only their shape (a few units with most thefts) is meant.
 */
const centres: Record<string, [centre: string, weight: number]> = {
  'IR-00': ['اراک', 1.4],
  'IR-01': ['رشت', 2.5],
  'IR-02': ['ساری', 3.3],
  'IR-03': ['تبریز', 3.9],
  'IR-04': ['ارومیه', 3.3],
  'IR-05': ['کرمانشاه', 2],
  'IR-06': ['اهواز', 4.7],
  'IR-07': ['شیراز', 4.9],
  'IR-08': ['کرمان', 3.2],
  'IR-09': ['مشهد', 6.4],
  'IR-10': ['اصفهان', 5.1],
  'IR-11': ['زاهدان', 2.8],
  'IR-12': ['سنندج', 1.6],
  'IR-13': ['همدان', 1.7],
  'IR-14': ['شهرکرد', 0.9],
  'IR-15': ['خرم‌آباد', 1.8],
  'IR-16': ['ایلام', 0.6],
  'IR-17': ['یاسوج', 0.7],
  'IR-18': ['بوشهر', 1.2],
  'IR-19': ['زنجان', 1.1],
  'IR-20': ['سمنان', 0.7],
  'IR-21': ['یزد', 1.1],
  'IR-22': ['بندرعباس', 1.8],
  'IR-23': ['تهران', 13.3],
  'IR-24': ['اردبیل', 1.3],
  'IR-25': ['قم', 1.3],
  'IR-26': ['قزوین', 1.3],
  'IR-27': ['گرگان', 1.9],
  'IR-28': ['بجنورد', 0.9],
  'IR-29': ['بیرجند', 0.8],
  'IR-30': ['کرج', 2.7],
};

/** A standard normal draw (Box–Muller). */
function normal(random: Random): number {
  const u = 1 - random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/**
 * The demo's national register (issue 21, point 1): ~3,000 stations and posts over the 31 provinces, with
 * heavy-tailed (lognormal) yearly thefts and visits — a city station in a big province may have a hundred times
 * the thefts of a rural post — the same for the same seed. The demo's own stations are in it under their codes,
 * so that the rollout shows them as set up.
 */
export function demoUnitsRegister(seed: number, count = DEMO_REGISTER_UNITS): RegisterUnit[] {
  const random = createRandom(seed ^ 0x21a5e7);
  const units: RegisterUnit[] = demoStations.map((s) => ({
    code: s.code,
    nameFa: s.nameFa,
    province: 'IR-23',
    county: 'تهران',
    kind: s.code.startsWith('PS') ? 'post' : 'station',
    thefts: Math.round(Math.exp(6.5 + 0.6 * normal(random))),
    visits: Math.round(Math.exp(9 + 0.5 * normal(random))),
    otherCrimes: null,
    filesOpened: null,
  }));
  const totalWeight = provinces.reduce((sum, p) => sum + (centres[p.code]?.[1] ?? 1), 0);
  const rest = count - units.length;
  provinces.forEach((p, pi) => {
    const [centre, weight] = centres[p.code] ?? [p.nameFa, 1];
    const share =
      pi === provinces.length - 1
        ? count - units.length
        : Math.max(1, Math.round((rest * weight) / totalWeight));
    for (let i = 1; i <= share; i++) {
      const post = random.chance(0.45);
      // Lognormal: most units see a few dozen thefts a year, a few see thousands; posts fewer, big provinces more.
      const mu = (post ? 3 : 4.6) + 0.35 * Math.log(weight);
      const thefts = Math.round(Math.exp(mu + 1.15 * normal(random)));
      const visits = Math.round(thefts * Math.exp(2.3 + 0.6 * normal(random)));
      const n = toPersianDigits(i);
      units.push({
        code: `${post ? 'PS' : 'KL'}-${p.code.slice(3)}-${String(i).padStart(3, '0')}`,
        nameFa: post ? `پاسگاه ${n} ${centre}` : `کلانتری ${n} ${centre}`,
        province: p.code,
        county: centre,
        kind: post ? 'post' : 'station',
        thefts,
        visits,
        otherCrimes: Math.round(thefts * (1.5 + random.next())),
        filesOpened: Math.round(thefts * (2 + random.next())),
      });
    }
  });
  return units.slice(0, count);
}
