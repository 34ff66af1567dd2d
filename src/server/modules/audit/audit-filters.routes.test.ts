import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeCase, makeJurisdiction, makeOrganisation, makeUser } from '../../../../test/factories.js';
import type { App } from '../../platform/http/fastify-app.js';

const { db } = await useTestDatabase();

describe('the audit log: filters, names, Persian labels, CSV; editing an organisation', () => {
  let app: App;
  let admin: string;
  let adminId: string;
  let pair: Awaited<ReturnType<typeof makeJurisdiction>>;
  let caseNumber: string;
  let officerId: string;

  const get = (url: string, cookie = admin) => app.inject({ method: 'GET', url, headers: { cookie } });
  const patchOrg = (id: string, payload: object) =>
    app.inject({ method: 'PATCH', url: `/api/organisations/${id}`, headers: { cookie: admin }, payload });

  beforeAll(async () => {
    ({ app } = await useTestApp(db));
    const hq = await makeOrganisation(db, { kind: 'hq' });
    const adminUser = await makeUser(db, hq.id, 'admin');
    adminId = adminUser.id;
    admin = await signIn(app, adminUser.username);
    pair = await makeJurisdiction(db);
    const officer = await makeUser(db, pair.station.id, 'station.officer');
    officerId = officer.id;
    const officerCookie = await signIn(app, officer.username);
    const made = await makeCase(db, { orgId: pair.station.id, userId: officer.id, role: 'station.officer' });
    caseNumber = made.caseNumber;
    await app.inject({ method: 'GET', url: `/api/cases/${made.id}`, headers: { cookie: officerCookie } });
  });

  it('filters by user, organisation, action, case and period, and names the user and the organisation', async () => {
    const byUser = (await get(`/api/audit?actorUserId=${officerId}`)).json();
    expect(byUser.total).toBeGreaterThanOrEqual(2);
    for (const e of byUser.items) expect(e.actorUserId).toBe(officerId);
    expect(byUser.items[0]).toMatchObject({ actorName: expect.stringContaining('کاربر') });

    // (Reads go to the read log of their own, decision 0011: the filters are tried on writes.)
    const byAction = (await get(`/api/audit?action=case.created&orgId=${pair.station.id}`)).json();
    expect(byAction.total).toBe(1);
    expect(byAction.items[0]).toMatchObject({ action: 'case.created', orgNameFa: pair.station.nameFa });

    const persianNumber = caseNumber.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    const byCase = (await get(`/api/audit?caseNumber=${encodeURIComponent(persianNumber)}`)).json();
    expect(byCase.items.map((e: { action: string }) => e.action).sort()).toEqual(['case.created']);

    const future = new Date(Date.now() + 86_400_000).toISOString();
    const none = (await get(`/api/audit?from=${encodeURIComponent(future)}`)).json();
    expect(none).toEqual({ items: [], total: 0 });
  });

  it('refuses bad filters with their own codes', async () => {
    const period = await get(`/api/audit?from=2026-02-02T00:00:00Z&to=2026-02-01T00:00:00Z`);
    expect(period.statusCode).toBe(400);
    expect(period.json().error.code).toBe('audit.invalid_period');
    const number = await get(`/api/audit?caseNumber=abc`);
    expect(number.json().error.code).toBe('audit.invalid_case_number');
    expect((await get(`/api/audit?action=case.eaten`)).statusCode).toBe(400);
    expect((await get(`/api/audit?actorUserId=x`)).statusCode).toBe(400);
  });

  it('exports the filtered log as CSV with a BOM, Persian labels and names, and records the export', async () => {
    const res = await get(`/api/audit/export.csv?actorUserId=${officerId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('رویداد');
    expect(lines.some((l) => l.includes('case.created') && l.includes('تشکیل پرونده'))).toBe(true);
    expect(lines.slice(1).every((l) => l.includes('کاربر'))).toBe(true);
    const exported = await db
      .selectFrom('audit_log')
      .select(['details', 'actor_user_id'])
      .where('action', '=', 'audit.exported')
      .executeTakeFirstOrThrow();
    expect(exported).toMatchObject({
      actor_user_id: adminId,
      details: { filter: { actorUserId: officerId } },
    });
  });

  it('refuses the log and its export to station roles', async () => {
    const officer = await signIn(app, (await makeUser(db, pair.station.id, 'station.chief')).username);
    expect((await get('/api/audit', officer)).statusCode).toBe(403);
    expect((await get('/api/audit/export.csv', officer)).statusCode).toBe(403);
  });

  it('edits an organisation\u2019s names, county and node, audited with before and after', async () => {
    const org = await makeOrganisation(db, { kind: 'station', countyCode: pair.countyCode });
    const other = await makeOrganisation(db, { kind: 'station' });
    const edited = await patchOrg(org.id, { nameFa: 'کلانتری ۱۲ تهران', countyCode: other.countyCode });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ nameFa: 'کلانتری ۱۲ تهران', countyCode: other.countyCode });
    const entry = await db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'organisation.updated')
      .where('resource_id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(entry.details).toEqual({
      before: { name_fa: org.nameFa, county_code: pair.countyCode },
      after: { name_fa: 'کلانتری ۱۲ تهران', county_code: other.countyCode },
    });

    const codes = async (payload: object) => (await patchOrg(org.id, payload)).json().error.code;
    expect(await codes({ countyCode: 'IR-23-NOWHERE' })).toBe('organisations.county_unknown');
    await db
      .insertInto('counties')
      .values({ code: 'IR-01-RASHT', province_code: 'IR-01', name_fa: 'رشت', name_en: 'Rasht' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    expect(await codes({ countyCode: 'IR-01-RASHT' })).toBe('organisations.county_not_in_province');
    expect(await codes({ nodeId: 'stranger.example' })).toBe('organisations.unknown_node');
    expect(await codes({})).toBe('organisations.nothing_to_change');
    expect((await patchOrg('00000000-0000-4000-8000-000000000000', { nameEn: 'X' })).statusCode).toBe(404);
    const after = await db
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', org.id)
      .executeTakeFirst();
    expect(after).toMatchObject({ name_fa: 'کلانتری ۱۲ تهران', county_code: other.countyCode });
    const officer = await signIn(app, (await makeUser(db, org.id, 'station.chief')).username);
    const refused = await app.inject({
      method: 'PATCH',
      url: `/api/organisations/${org.id}`,
      headers: { cookie: officer },
      payload: { nameEn: 'Mine' },
    });
    expect(refused.statusCode).toBe(403);
  });
});
