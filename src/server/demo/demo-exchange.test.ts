import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../test/app.js';
import { useTestDatabase } from '../../../test/db.js';
import type { Db } from '../db/client.js';
import { verifyAuditChain } from '../modules/audit/audit.repository.js';
import { recheckSignature } from '../modules/exchange/delivery-evidence/message-verification.policy.js';
import { fixedClock } from '../platform/clock.js';
import type { App } from '../platform/http/fastify-app.js';
import { playDemoExchange, type DemoExchangeResult } from './demo-exchange.js';
import { seedDemo } from './seed-demo.js';

const NOW = '2026-11-20T08:00:00Z';

describe('the demo\u2019s exchange', () => {
  let db: Db;
  let app: App;
  let played: DemoExchangeResult;
  let password: string;

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    const clock = fixedClock(NOW);
    const seeded = await seedDemo({ db, clock, nodeId: 'node-test', seed: 7 });
    password = seeded.password;
    const test = await useTestApp(db, { clock });
    app = test.app;
    played = await playDemoExchange({ db, config: test.config, now: new Date(NOW), seed: seeded.seed });
  }, 120_000);

  it('sends part of the two stations\u2019 recent cases and answers them every way an office does', () => {
    expect(played.sent).toBeGreaterThan(10);
    expect(played.registered).toBeGreaterThan(0);
    expect(played.returned).toBeGreaterThan(0);
    expect(played.rejected).toBeGreaterThan(0);
    expect(played.supplemented).toBeGreaterThan(0);
    expect(played.orders).toBeGreaterThan(0);
    expect(played.escorts).toBeGreaterThan(0);
  });

  it('gives every file an office registers a number of its own, though the stations\u2019 case numbers repeat', async () => {
    const rows = await db
      .selectFrom('intake_files')
      .select(['org_id', 'file_number'])
      .where('file_number', 'is not', null)
      .execute();
    expect(rows.length).toBeGreaterThan(1);
    const numbers = rows.map((r) => `${r.org_id} ${r.file_number}`);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('escorts people held in sent cases, each side keeping its row, and ends a custody at the delivery', async () => {
    const rows = await db.selectFrom('escorts').select(['side', 'status', 'party_id']).execute();
    const station = rows.filter((r) => r.side === 'station');
    expect(station).toHaveLength(played.escorts);
    expect(
      rows
        .filter((r) => r.side === 'escort_unit')
        .map((r) => r.status)
        .sort(),
    ).toEqual(station.map((r) => r.status).sort());
    for (const delivered of station.filter((r) => r.status === 'delivered')) {
      const custody = await db
        .selectFrom('custody_records')
        .select('end_reason')
        .where('party_id', '=', delivered.party_id!)
        .executeTakeFirstOrThrow();
      expect(custody.end_reason).toBe('handed_to_prosecutor');
    }
  });

  it('delivers every message with a receipt, leaves none in the outbox, and signs every one verifiably', async () => {
    expect(await db.selectFrom('outbox').select('message_id').execute()).toEqual([]);
    const messages = await db
      .selectFrom('messages')
      .select(['direction', 'status', 'jws', 'created_at'])
      .execute();
    expect(messages.length).toBeGreaterThan(2 * played.sent);
    expect(messages.filter((m) => m.direction === 'out').every((m) => m.status === 'delivered')).toBe(true);
    for (const m of messages) expect(await recheckSignature(db, m.jws)).toBe('valid');
    expect(Math.max(...messages.map((m) => m.created_at.getTime()))).toBeLessThan(Date.parse(NOW));
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('leaves the office a queue to work on, and files in every state behind it', async () => {
    const files = await db.selectFrom('intake_files').select('status').execute();
    const states = new Set(files.map((f) => f.status));
    expect(states).toEqual(new Set(['received', 'registered', 'returned', 'rejected']));
    const cookie = await signIn(app, 'clerk', password);
    const queue = await app.inject({ method: 'GET', url: '/api/intake', headers: { cookie } });
    expect(queue.statusCode).toBe(200);
    // The queue pages by cursor (no total): the first page is full, and what it shows is the office's.
    const page = queue.json() as { items: unknown[]; next: string | null };
    expect(page.items).toHaveLength(Math.min(20, files.length));
    expect(page.next !== null).toBe(files.length > 20);
  });

  it('gives the judge orders in every step, some of them past their deadline', async () => {
    const orders = await db
      .selectFrom('orders')
      .select(['status', 'deadline_at'])
      .where('side', '=', 'office')
      .execute();
    expect(orders).toHaveLength(played.orders);
    expect(new Set(orders.map((o) => o.status)).size).toBeGreaterThanOrEqual(3);
    expect(orders.some((o) => o.status !== 'closed' && o.deadline_at.getTime() < Date.parse(NOW))).toBe(true);
  });
});
