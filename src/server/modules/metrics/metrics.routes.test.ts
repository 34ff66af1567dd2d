import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeCase, makeParty, makeStationUser } from '../../../../test/factories.js';

/** The value of one series of a Prometheus text answer (`name{labels} value`), or undefined. */
const valueOf = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('GET /metrics', () => {
  it('answers in Prometheus text: latency by route, the outbox per peer, the legal clocks, the pool', async () => {
    const { db } = await useTestDatabase();
    const { app } = await useTestApp(db);
    const { actor } = await makeStationUser(db);
    const opened = await makeCase(db, actor);
    const party = await makeParty(db, actor, opened.id);
    // One custody 25 h old (a breach), one 21 h old (under 4 h left: an alert), one ended.
    for (const [hours, ended] of [
      [25, false],
      [21, false],
      [30, true],
    ] as const)
      await sql`insert into custody_records (id, case_id, org_id, party_id, started_at, ended_at, end_reason, created_at)
        values (${randomUUID()}, ${opened.id}, ${actor.orgId}, ${party.id}, now() - make_interval(hours => ${hours}),
                ${ended ? sql`now()` : null}, ${ended ? 'released' : null}, now())`.execute(db);
    for (const seq of [1, 2])
      await sql`insert into outbox (message_id, to_node, thread, seq, next_attempt_at)
        values (${randomUUID()}, 'judiciary-tehran', 't', ${seq}, now())`.execute(db);

    await app.inject({ method: 'GET', url: '/healthz' });
    await app.inject({ method: 'GET', url: `/api/cases/${randomUUID()}` });
    const answer = await app.inject({ method: 'GET', url: '/metrics' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = answer.body;
    expect(
      valueOf(
        text,
        'casebridge_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}',
      ),
    ).toBe(1);
    // The route's pattern, never the id in the URL.
    expect(
      valueOf(
        text,
        'casebridge_http_request_duration_seconds_count{method="GET",route="/api/cases/:id",status="401"}',
      ),
    ).toBe(1);
    expect(text).not.toContain('/api/cases/0');
    expect(valueOf(text, 'casebridge_outbox_depth{peer="judiciary-tehran"}')).toBe(2);
    expect(valueOf(text, 'casebridge_legal_clocks{clock="custody",state="breach"}')).toBe(1);
    expect(valueOf(text, 'casebridge_legal_clocks{clock="custody",state="alert"}')).toBe(1);
    expect(valueOf(text, 'casebridge_legal_clocks{clock="order",state="breach"}')).toBe(0);
    expect(valueOf(text, 'casebridge_db_pool_connections{state="max"}')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE casebridge_deliveries_total counter');
    expect(text).toContain('# TYPE casebridge_blob_store_errors_total counter');
    expect(text).toContain('casebridge_process_resident_memory_bytes');
  });

  it('answers only a request bearing METRICS_TOKEN when one is set', async () => {
    const { db } = await useTestDatabase();
    const { app } = await useTestApp(db, { config: { metricsToken: 'a-token-of-sixteen+' } });
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    const wrong = { authorization: 'Bearer another-token-entirely' };
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: wrong })).statusCode).toBe(404);
    const right = { authorization: 'Bearer a-token-of-sixteen+' };
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: right })).statusCode).toBe(200);
  });
});
