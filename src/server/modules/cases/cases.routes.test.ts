import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeNationalId, makeStationUser } from '../../../../test/factories.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { Db } from '../../db/client.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const HOUR = 3_600_000;
const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR).toISOString();

describe('the station case file over HTTP', () => {
  let db: Db;
  let app: App;
  let cookie: string;
  let otherCookie: string;
  let userId: string;

  const call = (method: Method, url: string, payload?: object, as = cookie) =>
    app.inject({ method, url, headers: { cookie: as }, ...(payload ? { payload } : {}) });
  const openCase = async (payload: object = { origin: 'complaint' }) => {
    const res = await call('POST', '/api/cases', payload);
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; caseNumber: string; trackingCode: string | null };
  };
  const addParty = async (
    caseId: string,
    payload: object = { role: 'accused', firstName: 'رضا', lastName: 'کریمی' },
  ) => {
    const res = await call('POST', `/api/cases/${caseId}/parties`, payload);
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string };
  };
  const issues = (res: { json(): { error: { issues?: { path: string; code: string }[] } } }) =>
    (res.json().error.issues ?? []).map((i) => `${i.path}:${i.code}`);

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    ({ app } = await useTestApp(db));
    const mine = await makeStationUser(db);
    const theirs = await makeStationUser(db);
    userId = mine.user.id;
    cookie = await signIn(app, mine.user.username);
    otherCookie = await signIn(app, theirs.user.username);
  });

  it('opens a complaint with a case number and a tracking code, and answers 201 with the whole file', async () => {
    const res = await call('POST', '/api/cases', {
      origin: 'complaint',
      crimeCategoryCode: 'theft',
      incidentAt: '2026-03-20T18:30:00+03:30',
    });
    expect(res.statusCode).toBe(201);
    const detail = res.json();
    expect(detail).toMatchObject({
      origin: 'complaint',
      status: 'draft',
      crimeCategoryCode: 'theft',
      incidentAt: '2026-03-20T15:00:00.000Z',
      parties: [],
      custody: [],
      documents: [],
      inCustody: false,
      custodyDeadlineAt: null,
      editable: true,
      sentAt: null,
    });
    expect(detail.caseNumber).toMatch(/^\d{4}\/\d{6}$/);
    expect(detail.trackingCode).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    expect(detail.readiness.ready).toBe(false);
  });

  it('stores HTML, SQL, Arabic letters and ZWNJ exactly as typed and returns them byte for byte', async () => {
    const narrative = '  <script>alert("x")</script>\n\'; DROP TABLE cases; --\tعلي و كاظم\u200cزاده  ';
    const address = 'خیابان <b>آزادی</b>، كوچه‌ی ۱۲ ';
    const created = await openCase({ origin: 'officer_report', narrative, incidentAddress: address });
    const party = {
      role: 'witness',
      firstName: ' علي\u200cرضا',
      lastName: "O'Brien <i>x</i> ; select 1; --",
      fatherName: 'مُحَمَّد',
      address: 'ي ك ى',
    };
    await addParty(created.id, party);
    const res = await call('GET', `/api/cases/${created.id}`);
    expect(res.json().narrative).toBe(narrative);
    expect(res.json().incidentAddress).toBe(address);
    expect(res.json().parties[0]).toMatchObject(party);
    const row = await db
      .selectFrom('parties')
      .select(['first_name', 'last_name', 'father_name', 'address'])
      .where('case_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(row.first_name + row.last_name + row.father_name + row.address)).toEqual(
      Buffer.from(party.firstName + party.lastName + party.fatherName + party.address),
    );
  });

  it('refuses an invalid national ID with 400 parties.invalid_national_id', async () => {
    const { id } = await openCase();
    const res = await call('POST', `/api/cases/${id}/parties`, {
      role: 'complainant',
      firstName: 'مریم',
      lastName: 'احمدی',
      nationalId: '۱۲۳۴۵۶۷۸۹۰',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('parties.invalid_national_id');
    expect(issues(res)).toContain('body.nationalId:parties.invalid_national_id');
  });

  it('stores a national ID typed in Persian digits with Latin digits', async () => {
    const { id } = await openCase();
    const nationalId = makeNationalId();
    const persian = nationalId.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)] ?? d);
    const res = await call('POST', `/api/cases/${id}/parties`, {
      role: 'complainant',
      firstName: 'مریم',
      lastName: 'احمدی',
      nationalId: persian,
      mobile: '۰۹۱۲۱۲۳۴۵۶۷',
    });
    expect(res.json()).toMatchObject({ nationalId, mobile: '09121234567', nationality: 'IR' });
  });

  it('refuses a complainant without a national ID, and a foreign one without a passport, with parties.identity_required', async () => {
    const { id } = await openCase();
    const iranian = await call('POST', `/api/cases/${id}/parties`, {
      role: 'complainant',
      firstName: 'مریم',
      lastName: 'احمدی',
    });
    expect(iranian.statusCode).toBe(400);
    expect(iranian.json().error.code).toBe('parties.identity_required');
    expect(issues(iranian)).toContain('body.nationalId:parties.identity_required');
    const foreign = await call('POST', `/api/cases/${id}/parties`, {
      role: 'complainant',
      firstName: 'Ahmad',
      lastName: 'Shah',
      nationality: 'AF',
    });
    expect(issues(foreign)).toContain('body.passportNumber:parties.identity_required');
  });

  it('checks identity on the party as changed, so an update cannot remove the only national ID of a complainant', async () => {
    const { id } = await openCase();
    const party = await addParty(id, {
      role: 'complainant',
      firstName: 'مریم',
      lastName: 'احمدی',
      nationalId: makeNationalId(),
    });
    const res = await call('PATCH', `/api/cases/${id}/parties/${party.id}`, { nationalId: null });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('parties.identity_required');
    const ok = await call('PATCH', `/api/cases/${id}/parties/${party.id}`, {
      role: 'witness',
      nationalId: null,
      mobile: '+989351112233',
    });
    expect(ok.json()).toMatchObject({
      role: 'witness',
      nationalId: null,
      mobile: '09351112233',
      firstName: 'مریم',
    });
  });

  it('names each missing or malformed field by its path and code', async () => {
    const { id } = await openCase();
    const party = await call('POST', `/api/cases/${id}/parties`, { role: 'judge', lastName: '' });
    expect(party.statusCode).toBe(400);
    expect(party.json().error.code).toBe('request.invalid');
    expect(issues(party)).toEqual(
      expect.arrayContaining([
        'body.role:validation.invalid_value',
        'body.firstName:validation.invalid_type',
        'body.lastName:validation.blank',
      ]),
    );
    const created = await call('POST', '/api/cases', {
      origin: 'rumour',
      incidentAt: 'yesterday',
      accusedUnknown: 'yes',
    });
    expect(issues(created)).toEqual(
      expect.arrayContaining([
        'body.origin:validation.invalid_value',
        'body.incidentAt:validation.invalid_format',
        'body.accusedUnknown:validation.invalid_type',
      ]),
    );
    const custody = await call('POST', `/api/cases/${id}/custody`, { partyId: 'nobody' });
    expect(issues(custody)).toEqual(
      expect.arrayContaining([
        'body.partyId:validation.invalid_format',
        'body.startedAt:validation.invalid_type',
      ]),
    );
    const end = await call('POST', `/api/cases/${id}/custody/${randomUUID()}/end`, {
      endedAt: hoursAgo(1),
      endReason: 'escaped',
    });
    expect(issues(end)).toContain('body.endReason:validation.invalid_value');
  });

  it('refuses unknown reference codes as field errors, not as a server error', async () => {
    const res = await call('POST', '/api/cases', {
      origin: 'flagrant',
      crimeCategoryCode: 'witchcraft',
      incidentProvinceCode: 'IR-99',
    });
    expect(res.statusCode).toBe(400);
    expect(issues(res)).toEqual([
      'body.crimeCategoryCode:reference.unknown',
      'body.incidentProvinceCode:reference.unknown',
    ]);
  });

  it('answers 404 cases.not_found for another station\u2019s case on every route', async () => {
    const { id } = await openCase();
    const party = await addParty(id);
    const custody = (
      await call('POST', `/api/cases/${id}/custody`, { partyId: party.id, startedAt: hoursAgo(2) })
    ).json() as { id: string };
    const routes: [Method, string, object?][] = [
      ['GET', `/api/cases/${id}`],
      ['PATCH', `/api/cases/${id}`, { narrative: 'x' }],
      ['GET', `/api/cases/${id}/receipt`],
      ['POST', `/api/cases/${id}/parties`, { role: 'witness', firstName: 'a', lastName: 'b' }],
      ['PATCH', `/api/cases/${id}/parties/${party.id}`, { firstName: 'x' }],
      ['DELETE', `/api/cases/${id}/parties/${party.id}`],
      ['POST', `/api/cases/${id}/custody`, { partyId: party.id, startedAt: hoursAgo(1) }],
      ['POST', `/api/cases/${id}/custody/${custody.id}/end`, { endedAt: hoursAgo(1), endReason: 'released' }],
      ['GET', `/api/cases/${id}/timeline`],
      ['GET', `/api/cases/${id}/readiness`],
    ];
    for (const [method, url, payload] of routes) {
      const res = await call(method, url, payload, otherCookie);
      expect({ method, url, status: res.statusCode, code: res.json().error?.code }).toEqual({
        method,
        url,
        status: 404,
        code: 'cases.not_found',
      });
    }
    // …and nothing changed.
    expect((await call('GET', `/api/cases/${id}`)).json()).toMatchObject({
      narrative: null,
      parties: [{ firstName: 'رضا' }],
      inCustody: true,
    });
  });

  it('answers 401 without a session', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/cases' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.unauthenticated');
  });

  it('refuses every change to a sent case with 409 cases.not_editable, but still lets its custody end', async () => {
    const { id } = await openCase();
    const party = await addParty(id);
    const custody = (
      await call('POST', `/api/cases/${id}/custody`, { partyId: party.id, startedAt: hoursAgo(3) })
    ).json() as { id: string };
    await db.updateTable('cases').set({ status: 'sent', sent_at: new Date() }).where('id', '=', id).execute();
    const changes: [Method, string, object?][] = [
      ['PATCH', `/api/cases/${id}`, { narrative: 'later' }],
      ['POST', `/api/cases/${id}/parties`, { role: 'witness', firstName: 'a', lastName: 'b' }],
      ['PATCH', `/api/cases/${id}/parties/${party.id}`, { firstName: 'x' }],
      ['DELETE', `/api/cases/${id}/parties/${party.id}`],
      ['POST', `/api/cases/${id}/custody`, { partyId: party.id, startedAt: hoursAgo(1) }],
    ];
    for (const [method, url, payload] of changes) {
      const res = await call(method, url, payload);
      expect({ url, method, status: res.statusCode, code: res.json().error?.code }).toEqual({
        url,
        method,
        status: 409,
        code: 'cases.not_editable',
      });
    }
    const detail = (await call('GET', `/api/cases/${id}`)).json();
    expect(detail).toMatchObject({ editable: false, status: 'sent' });
    const end = await call('POST', `/api/cases/${id}/custody/${custody.id}/end`, {
      endedAt: hoursAgo(0.5),
      endReason: 'handed_to_prosecutor',
    });
    expect(end.statusCode).toBe(200);
  });

  it('changes the incident fields, clears one with null, and leaves the rest alone', async () => {
    const { id } = await openCase({ origin: 'flagrant', crimeCategoryCode: 'theft', narrative: 'اول' });
    const res = await call('PATCH', `/api/cases/${id}`, {
      crimeCategoryCode: null,
      incidentProvinceCode: 'IR-23',
      accusedUnknown: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      crimeCategoryCode: null,
      incidentProvinceCode: 'IR-23',
      accusedUnknown: true,
      narrative: 'اول',
      origin: 'flagrant',
    });
  });

  it('records who read a case and from which address', async () => {
    const { id } = await openCase();
    const res = await app.inject({
      method: 'GET',
      url: `/api/cases/${id}`,
      headers: { cookie },
      remoteAddress: '10.20.30.40',
    });
    expect(res.statusCode).toBe(200);
    // In the read log (decision 0011), sealed into the chain later: action 0 is `case.read`.
    const reads = await db
      .selectFrom('audit_reads')
      .selectAll()
      .where(sql<boolean>`${id}::uuid = any(resource_ids)`)
      .execute();
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      actor_user_id: userId,
      action: 0,
      resource_ids: [id],
      ip: '10.20.30.40',
    });
  });

  it('audits every read and every change of a case, without names in the details', async () => {
    const { id } = await openCase();
    const party = await addParty(id, { role: 'accused', firstName: 'پنهان', lastName: 'نام' });
    await call('PATCH', `/api/cases/${id}/parties/${party.id}`, { fatherName: 'پدر' });
    await call('GET', `/api/cases/${id}/timeline`);
    await call('GET', `/api/cases/${id}/readiness`);
    await call('GET', `/api/cases/${id}/receipt`);
    await call('DELETE', `/api/cases/${id}/parties/${party.id}`);
    const rows = await db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('resource_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      'case.created',
      'party.added',
      'party.updated',
      'timeline.read',
      'readiness.checked',
      'case.receipt_read',
      'party.removed',
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/پنهان|پدر/);
  });

  it('gives the complainant a receipt with the case number, station, tracking code and Jalali time of receipt', async () => {
    const { id, caseNumber, trackingCode } = await openCase();
    const res = await call('GET', `/api/cases/${id}/receipt`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      caseNumber,
      trackingCode,
      stationName: expect.stringMatching(/^واحد KL-/),
    });
    expect(res.json().receivedAtLocal).toMatch(/^14\d\d\/\d\d\/\d\d \d\d:\d\d$/);
    expect(res.json().note).toContain('کد رهگیری');
    const report = await openCase({ origin: 'officer_report' });
    expect((await call('GET', `/api/cases/${report.id}/receipt`)).json().error.code).toBe(
      'cases.invalid_state',
    );
  });

  it('holds an accused in custody with the 24-hour clock on the file and in the list', async () => {
    const { id } = await openCase({ origin: 'flagrant' });
    const accused = await addParty(id);
    const startedAt = hoursAgo(21);
    const res = await call('POST', `/api/cases/${id}/custody`, { partyId: accused.id, startedAt });
    expect(res.statusCode).toBe(201);
    const deadline = new Date(new Date(startedAt).getTime() + 24 * HOUR).toISOString();
    expect(res.json()).toMatchObject({
      partyId: accused.id,
      deadlineAt: deadline,
      breached: false,
      warning: true,
      endedAt: null,
    });
    expect(res.json().remainingSeconds).toBeGreaterThan(3 * 3600 - 60);
    expect(res.json().deadlineLocal).toMatch(/^14\d\d\/\d\d\/\d\d \d\d:\d\d$/);
    const detail = (await call('GET', `/api/cases/${id}`)).json();
    expect(detail).toMatchObject({
      inCustody: true,
      custodyDeadlineAt: deadline,
      custody: [{ id: res.json().id, warning: true }],
    });
    const list = (await call('GET', '/api/cases?pageSize=100')).json();
    expect(list.items.find((c: { id: string }) => c.id === id)).toMatchObject({
      inCustody: true,
      custodyDeadlineAt: deadline,
      partyNames: ['رضا کریمی'],
    });
  });

  it('refuses custody of somebody not accused, twice at once, or starting in the future', async () => {
    const { id } = await openCase({ origin: 'flagrant' });
    const witness = await addParty(id, { role: 'witness', firstName: 'a', lastName: 'b' });
    const accused = await addParty(id);
    const code = async (payload: object) =>
      (await call('POST', `/api/cases/${id}/custody`, payload)).json().error?.code;
    expect(await code({ partyId: witness.id, startedAt: hoursAgo(1) })).toBe('custody.party_not_accused');
    expect(await code({ partyId: randomUUID(), startedAt: hoursAgo(1) })).toBe('parties.not_found');
    expect(await code({ partyId: accused.id, startedAt: new Date(Date.now() + HOUR).toISOString() })).toBe(
      'custody.time_in_future',
    );
    expect(await code({ partyId: accused.id, startedAt: hoursAgo(2) })).toBeUndefined();
    expect(await code({ partyId: accused.id, startedAt: hoursAgo(1) })).toBe('custody.already_open');
  });

  it('ends custody once, not before it started, and says whether it ended in time', async () => {
    const { id } = await openCase({ origin: 'flagrant' });
    const accused = await addParty(id);
    const custody = (
      await call('POST', `/api/cases/${id}/custody`, { partyId: accused.id, startedAt: hoursAgo(30) })
    ).json() as { id: string };
    const end = (payload: object) => call('POST', `/api/cases/${id}/custody/${custody.id}/end`, payload);
    expect((await end({ endedAt: hoursAgo(31), endReason: 'released' })).json().error.code).toBe(
      'custody.end_before_start',
    );
    const ended = await end({ endedAt: hoursAgo(5), endReason: 'bail', endNote: 'وثیقه‌ی ملکی' });
    expect(ended.json()).toMatchObject({
      endReason: 'bail',
      endNote: 'وثیقه‌ی ملکی',
      breached: false,
      endedInTime: false,
    });
    expect((await end({ endedAt: hoursAgo(1), endReason: 'released' })).json().error.code).toBe(
      'custody.already_ended',
    );
    expect(
      (
        await call('POST', `/api/cases/${id}/custody/${randomUUID()}/end`, {
          endedAt: hoursAgo(1),
          endReason: 'released',
        })
      ).json().error.code,
    ).toBe('custody.not_found');
    expect((await call('GET', `/api/cases/${id}`)).json()).toMatchObject({
      inCustody: false,
      custodyDeadlineAt: null,
    });
  });

  it('keeps a party who was in custody, and removes one who was not', async () => {
    const { id } = await openCase({ origin: 'flagrant' });
    const held = await addParty(id);
    const other = await addParty(id, { role: 'witness', firstName: 'a', lastName: 'b' });
    await call('POST', `/api/cases/${id}/custody`, { partyId: held.id, startedAt: hoursAgo(1) });
    expect((await call('DELETE', `/api/cases/${id}/parties/${held.id}`)).json().error.code).toBe(
      'parties.has_custody',
    );
    expect(
      (await call('PATCH', `/api/cases/${id}/parties/${held.id}`, { role: 'witness' })).json().error.code,
    ).toBe('parties.has_custody');
    expect((await call('DELETE', `/api/cases/${id}/parties/${other.id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/cases/${id}/parties/${other.id}`)).json().error.code).toBe(
      'parties.not_found',
    );
    expect((await call('GET', `/api/cases/${id}`)).json().parties.map((p: { id: string }) => p.id)).toEqual([
      held.id,
    ]);
  });

  it('does not touch a party of another case through this case', async () => {
    const first = await openCase();
    const second = await openCase();
    const party = await addParty(first.id);
    expect(
      (await call('PATCH', `/api/cases/${second.id}/parties/${party.id}`, { firstName: 'x' })).json().error
        .code,
    ).toBe('parties.not_found');
  });

  it('shows the timeline oldest first, with who did what', async () => {
    const { id } = await openCase({ origin: 'flagrant' });
    const accused = await addParty(id);
    await call('PATCH', `/api/cases/${id}`, { narrative: 'شرح' });
    await call('POST', `/api/cases/${id}/custody`, { partyId: accused.id, startedAt: hoursAgo(1) });
    const res = await call('GET', `/api/cases/${id}/timeline`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((e: { type: string }) => e.type)).toEqual([
      'case.created',
      'party.added',
      'case.updated',
      'custody.started',
    ]);
    expect(res.json().items[2]).toMatchObject({ actorUserId: userId, details: { fields: ['narrative'] } });
  });

  it('says what a file lacks, and that it is ready once complete', async () => {
    const { id } = await openCase();
    const missing = (await call('GET', `/api/cases/${id}/readiness`)).json();
    expect(missing.ready).toBe(false);
    expect(missing.missing.map((m: { code: string }) => m.code)).toEqual([
      'readiness.no_party',
      'readiness.no_accused',
      'readiness.no_crime_category',
      'readiness.no_narrative',
      'readiness.no_complainant',
      'readiness.no_complaint_document',
    ]);
    await addParty(id, {
      role: 'complainant',
      firstName: 'مریم',
      lastName: 'احمدی',
      nationalId: makeNationalId(),
    });
    await call('PATCH', `/api/cases/${id}`, {
      crimeCategoryCode: 'fraud',
      narrative: 'چک برگشتی',
      accusedUnknown: true,
    });
    const sha256 = randomUUID().replace(/-/g, '').padEnd(64, '0');
    await db.insertInto('blobs').values({ sha256, size: 3, media_type: 'application/pdf' }).execute();
    const station = await db
      .selectFrom('cases')
      .select('org_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('case_documents')
      .values({
        id: randomUUID(),
        case_id: id,
        org_id: station.org_id,
        sha256,
        kind: 'complaint',
        name: 'شکوائیه.pdf',
        media_type: 'application/pdf',
        size: 3,
        uploaded_by: userId,
        uploaded_at: new Date(),
      })
      .execute();
    expect((await call('GET', `/api/cases/${id}/readiness`)).json()).toEqual({ ready: true, missing: [] });
    const detail = (await call('GET', `/api/cases/${id}`)).json();
    expect(detail.readiness.ready).toBe(true);
    expect(detail.documents).toEqual([
      expect.objectContaining({ name: 'شکوائیه.pdf', kind: 'complaint', sha256, size: 3 }),
    ]);
  });

  it('documents every case route in the OpenAPI description', async () => {
    const paths = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths as Record<
      string,
      Record<string, { tags?: string[] }>
    >;
    for (const path of [
      '/api/cases',
      '/api/cases/{id}',
      '/api/cases/{id}/receipt',
      '/api/cases/{id}/parties',
      '/api/cases/{id}/parties/{partyId}',
      '/api/cases/{id}/custody',
      '/api/cases/{id}/custody/{custodyId}/end',
      '/api/cases/{id}/timeline',
      '/api/cases/{id}/readiness',
    ]) {
      expect(
        Object.values(paths[path] ?? {}).every((op) => op.tags?.includes('cases')),
        path,
      ).toBe(true);
      expect(paths[path], path).toBeDefined();
    }
  });
});
