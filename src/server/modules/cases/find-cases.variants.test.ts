import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../test/db.js';
import { makeCase, makeParty, makeStationUser } from '../../../../test/factories.js';
import { nationalIdCheckDigit } from '../../../domain/national-id.js';
import type { Actor } from '../../../domain/permissions.js';
import { toPersianDigits } from '../../../domain/persian-text.js';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../platform/clock.js';
import { findCases } from './find-cases.usecase.js';

const ZWNJ = '\u200c';
const NATIONAL_ID = `001234567${nationalIdCheckDigit('001234567')}`;
const ARABIC_INDIC = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
const TASHDID = '\u0651';

/**
 * Each stored spelling, and the spellings a user may type for it: Arabic ي/ك for Persian ی/ک and back,
 * ة for ه and back, ZWNJ / space / nothing between the parts of a name, a tashdid written or not, and
 * identifiers in Persian, Arabic-Indic or Latin digits, with or without separators. Every query must find
 * the stored case first — and never the same person's case at another station.
 */
const VARIANTS: { stored: { firstName: string; lastName: string; nationalId?: string }; typed: string[] }[] =
  [
    { stored: { firstName: 'علي', lastName: 'كاظمي' }, typed: ['علی کاظمی', 'کاظمی', 'كاظمی', 'علي كاظمي'] },
    { stored: { firstName: 'یاسر', lastName: 'کیانی' }, typed: ['ياسر كياني', 'كياني', 'ياسر'] },
    { stored: { firstName: 'فاطمة', lastName: 'طاهرخانی' }, typed: ['فاطمه طاهرخانی', 'فاطمه', 'فاطمة'] },
    { stored: { firstName: 'زهره', lastName: 'نقره‌ای' }, typed: ['زهرة', `زهرة نقره${ZWNJ}ای`] },
    {
      stored: { firstName: `محمد${ZWNJ}رضا`, lastName: 'صدرالدینی' },
      typed: ['محمد رضا صدرالدینی', 'محمدرضا صدرالدینی', `محمد${ZWNJ}رضا`, 'محمد رضا', 'محمدرضا'],
    },
    {
      stored: { firstName: 'امیرحسین', lastName: `عبد${ZWNJ}اللهیان` },
      typed: ['امیر حسین', `امیر${ZWNJ}حسین`, 'عبداللهیان', 'عبد اللهیان'],
    },
    {
      stored: { firstName: `مُحمّد`, lastName: `کرّوبی` },
      typed: ['محمد کروبی', 'کروبی', `کر${TASHDID}وبی`, 'كروبي'],
    },
    { stored: { firstName: 'سعید', lastName: 'شفیعی', nationalId: NATIONAL_ID }, typed: [] },
  ];

describe('search finds a stored name from any of its spelling variants, at its own station only', () => {
  let db: Db;
  let actor: Actor;
  let other: Actor;
  const mine: string[] = [];
  const theirs = new Set<string>();

  const ids = async (q: string, as: Actor) =>
    (
      await findCases({ db, clock: fixedClock(new Date()), actor: as, ip: null, query: { q, pageSize: 20 } })
    ).items.map((c) => c.id);

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    ({ actor } = await makeStationUser(db));
    ({ actor: other } = await makeStationUser(db));
    const clock = fixedClock('2026-04-01T08:00:00Z');
    for (const { stored } of VARIANTS) {
      for (const as of [actor, other]) {
        const c = await makeCase(db, as, {}, clock);
        await makeParty(db, as, c.id, { role: 'complainant', ...stored }, clock);
        if (as === actor) mine.push(c.id);
        else theirs.add(c.id);
        clock.advance(60_000);
      }
    }
  });

  it('finds each name from every variant typed, best match first', async () => {
    for (const [i, { typed }] of VARIANTS.entries()) {
      for (const q of typed) {
        const found = await ids(q, actor);
        expect({ q, first: found[0] }).toEqual({ q, first: mine[i] });
        expect(found.filter((id) => theirs.has(id))).toEqual([]);
      }
    }
  });

  it('finds a national ID by Latin, Persian, Arabic-Indic digits and separators', async () => {
    const i = VARIANTS.findIndex((v) => v.stored.nationalId);
    for (const q of [
      NATIONAL_ID,
      toPersianDigits(NATIONAL_ID),
      ARABIC_INDIC(NATIONAL_ID),
      `${NATIONAL_ID.slice(0, 3)}-${NATIONAL_ID.slice(3, 9)}-${NATIONAL_ID.slice(9)}`,
      toPersianDigits(`${NATIONAL_ID.slice(0, 3)} ${NATIONAL_ID.slice(3)}`),
    ]) {
      expect({ q, found: await ids(q, actor) }).toEqual({ q, found: [mine[i]] });
    }
  });

  it('never finds another station\u2019s case, by name or by national ID', async () => {
    for (const { stored, typed } of VARIANTS) {
      for (const q of [...typed, stored.nationalId ?? '']) {
        if (!q) continue;
        for (const id of await ids(q, other)) expect(mine).not.toContain(id);
      }
    }
  });
});
