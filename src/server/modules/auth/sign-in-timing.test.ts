import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeOrganisation, makeUser } from '../../../../test/factories.js';
import type { App } from '../../platform/http/fastify-app.js';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
};

describe('the time a refused sign-in takes', { timeout: 120_000 }, () => {
  let app: App;
  const names = { unknown: 'nobody-at-all', wrong: '', disabled: '', locked: '' };

  beforeAll(async () => {
    const { db } = await useTestDatabase();
    ({ app } = await useTestApp(db));
    const org = await makeOrganisation(db);
    names.wrong = (await makeUser(db, org.id, 'station.officer')).username;
    names.disabled = (await makeUser(db, org.id, 'station.officer')).username;
    names.locked = (await makeUser(db, org.id, 'station.officer')).username;
    await db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('username', '=', names.disabled)
      .execute();
    const until = new Date(Date.now() + 3_600_000);
    await db.updateTable('users').set({ locked_until: until }).where('username', '=', names.locked).execute();
  });

  it('is the same for an unknown user, a wrong password, a disabled and a locked account (medians within 10 %)', async () => {
    const kinds = Object.keys(names) as (keyof typeof names)[];
    const raw = Object.fromEntries(kinds.map((k) => [k, [] as number[]])) as Record<
      keyof typeof names,
      number[]
    >;
    const relative = Object.fromEntries(kinds.map((k) => [k, [] as number[]])) as Record<
      keyof typeof names,
      number[]
    >;
    let n = 0;
    // Interleaved: each round tries every kind back to back, in a rotated order, from an address of its own
    // (so that no throttle takes part). On a busy machine the load drifts from round to round, so each try is
    // also compared with its own round's median: that removes the drift and keeps what differs between kinds.
    for (let round = 0; round < 52; round++) {
      const times = new Map<keyof typeof names, number>();
      for (let j = 0; j < kinds.length; j++) {
        const kind = kinds[(round + j) % kinds.length]!;
        n++;
        const started = performance.now();
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: `10.3.${n >> 8}.${n & 255}`,
          payload: { username: names[kind], password: 'not the password' },
        });
        times.set(kind, performance.now() - started);
        expect(res.statusCode).toBe(401);
      }
      if (round < 2) continue; // the first two rounds warm up
      const roundMedian = median([...times.values()]);
      for (const [kind, t] of times) {
        raw[kind].push(t);
        relative[kind].push(t / roundMedian);
      }
    }
    const spreadOf = (medians: number[]) =>
      (Math.max(...medians) - Math.min(...medians)) / Math.min(...medians);
    const rawMedians = kinds.map((k) => median(raw[k]));
    const relativeMedians = kinds.map((k) => median(relative[k]));
    const figures = kinds.map(
      (k, i) => `${k} ${rawMedians[i]!.toFixed(1)} ms (×${relativeMedians[i]!.toFixed(3)})`,
    );
    expect(raw.unknown).toHaveLength(50);
    expect(spreadOf(relativeMedians), figures.join(', ')).toBeLessThan(0.1);
  });
});
