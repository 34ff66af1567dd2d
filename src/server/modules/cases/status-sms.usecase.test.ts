import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeNationalId, makeStationUser } from '../../../../test/factories.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { App } from '../../platform/http/fastify-app.js';
import { findDeliveriesTo } from '../notifications/index.js';
import { textCaseStatus } from './status-sms.usecase.js';

describe('SMS consent and the case\u2019s status by SMS', () => {
  let db: Db;
  let app: App;
  let cookie: string;
  const post = (url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: { cookie }, payload });
  const complainant = (extra: object) => ({
    role: 'complainant',
    firstName: 'مریم',
    lastName: 'احمدی',
    nationalId: makeNationalId(),
    ...extra,
  });

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    ({ app } = await useTestApp(db));
    const { user } = await makeStationUser(db);
    cookie = await signIn(app, user.username);
  });

  it('records the consent with the complaint, and texts registered / returned / order issued only to those who agreed', async () => {
    const opened = await post('/api/cases', {
      origin: 'complaint',
      parties: [
        complainant({ mobile: '۰۹۱۲ ۷۷۷ ۱۱۲۲', smsConsent: true }),
        complainant({ mobile: '09127771133' }),
      ],
    });
    expect(opened.statusCode).toBe(201);
    const detail = opened.json<{
      id: string;
      orgId: string;
      caseNumber: string;
      parties: { mobile: string; smsConsent: boolean }[];
    }>();
    expect(Object.fromEntries(detail.parties.map((p) => [p.mobile, p.smsConsent]))).toEqual({
      '09127771122': true,
      '09127771133': false,
    });
    const row = await db
      .selectFrom('cases')
      .select(['org_id', 'case_number'])
      .where('id', '=', detail.id)
      .executeTakeFirstOrThrow();
    for (const status of ['registered', 'returned', 'order_issued'] as const)
      await inTransaction(db, (tx) =>
        textCaseStatus(tx, {
          caseId: detail.id,
          orgId: row.org_id,
          caseNumber: row.case_number,
          status,
          now: new Date(),
        }),
      );
    const sent = await findDeliveriesTo(db, '09127771122');
    expect(sent.map((d) => d.purpose).sort()).toEqual([
      'case.order_issued',
      'case.registered',
      'case.returned',
    ]);
    expect(sent.every((d) => d.status === 'pending' && d.text.includes(row.case_number))).toBe(true);
    expect(sent.some((d) => /مریم|احمدی/.test(d.text))).toBe(false);
    expect(await findDeliveriesTo(db, '09127771133')).toHaveLength(0);
    const audit = await db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'case.status_texted')
      .where('resource_id', '=', detail.id)
      .execute();
    expect(audit).toHaveLength(3);
  });

  it('refuses, naming the field, a consent without a mobile, a consent of an accused, and a mobile that is not Iranian — and saves nothing', async () => {
    const before = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const cases: [object, string, string][] = [
      [complainant({ smsConsent: true }), 'parties.sms_consent_needs_mobile', 'body.parties.0.smsConsent'],
      [
        { ...complainant({ mobile: '09121112233', smsConsent: true }), role: 'accused' },
        'parties.sms_consent_complainant_only',
        'body.parties.0.smsConsent',
      ],
      [complainant({ mobile: '0812345678' }), 'parties.invalid_mobile', 'body.parties.0.mobile'],
    ];
    for (const [party, code, path] of cases) {
      const res = await post('/api/cases', { origin: 'complaint', parties: [party] });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.issues).toContainEqual(expect.objectContaining({ path, code }));
    }
    const after = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('checks the consent on the party as changed in the draft', async () => {
    const opened = await post('/api/cases', {
      origin: 'complaint',
      parties: [complainant({ mobile: '09127771144' })],
    });
    const { id, parties } = opened.json<{ id: string; parties: { id: string }[] }>();
    const url = `/api/cases/${id}/parties/${parties[0]?.id ?? ''}`;
    const patch = (payload: object) => app.inject({ method: 'PATCH', url, headers: { cookie }, payload });
    expect((await patch({ smsConsent: true })).json()).toMatchObject({ smsConsent: true });
    const refused = await patch({ mobile: null });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('parties.sms_consent_needs_mobile');
  });
});
