import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import {
  makeNationalId,
  makeOrganisation,
  makeStationUser,
  makeUser,
  TEST_PDF,
} from '../../../../test/factories.js';
import type { CaseDetail } from '../../../domain/cases/case.schema.js';

/**
 * Issue 18, points 1, 2 and 11 through the API: a case opened with its parties and custody in one request and
 * one transaction; a draft changed by its officer and chief (parties, incident, documents re-classified and
 * removed), each change audited with before and after; a save on an older version refused, naming who changed
 * the case and when; a second upload of the same bytes refused; each refusal changing nothing.
 */

const { db } = await useTestDatabase();
const { app } = await useTestApp(db);

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  0, 0, 0, 1, 8, 6, 0, 0, 0,
]);

function multipart(kind: string, fileName: string, content: Buffer) {
  const boundary = `----cb-${Math.random().toString(16).slice(2)}`;
  return {
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe('a draft case, opened in one request and changed as a living file', () => {
  let station: Awaited<ReturnType<typeof makeStationUser>>;
  let officer: string;
  let chief: string;
  let stranger: string;
  let judge: string;

  const call = (
    as: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      headers: { cookie: as, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const upload = (as: string, caseId: string, kind: string, name: string, content: Buffer) => {
    const body = multipart(kind, name, content);
    return app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/documents`,
      payload: body.payload,
      headers: { cookie: as, 'content-type': body.contentType },
    });
  };
  const casesOfStation = async () =>
    (
      await db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('org_id', '=', station.station.id)
        .executeTakeFirstOrThrow()
    ).n;
  /** The case's timeline events of one type: what each change replaced and wrote. */
  const eventsOf = (caseId: string, type: string) =>
    db
      .selectFrom('case_events')
      .select('details')
      .where('case_id', '=', caseId)
      .where('type', '=', type)
      .orderBy('at')
      .execute();
  const auditOf = (caseId: string, action: string) =>
    db
      .selectFrom('audit_log')
      .select(['details', 'actor_user_id'])
      .where('resource_id', '=', caseId)
      .where('action', '=', action)
      .orderBy('seq')
      .execute();

  const complainantId = makeNationalId();
  const accusedId = makeNationalId();
  const openBody = (
    startedAt: string,
  ): { origin: string; parties: Record<string, unknown>[] } & Record<string, unknown> => ({
    origin: 'complaint',
    crimeCategoryCode: 'theft',
    narrative: 'سرقت گوشی همراه در ایستگاه مترو',
    parties: [
      {
        role: 'complainant',
        firstName: 'مریم',
        lastName: 'کاظمی',
        nationalId: complainantId,
        mobile: '۰۹۱۲۱۲۳۴۵۶۷',
      },
      {
        role: 'accused',
        firstName: 'رضا',
        lastName: 'محمدی',
        nationalId: accusedId,
        custodyStartedAt: startedAt,
      },
    ],
  });
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

  beforeAll(async () => {
    station = await makeStationUser(db, 'station.officer');
    const chiefUser = await makeUser(db, station.station.id, 'station.chief');
    const other = await makeOrganisation(db, { kind: 'station' });
    const otherOfficer = await makeUser(db, other.id, 'station.officer');
    const judgeUser = await makeUser(db, station.office.id, 'prosecutor.judge');
    officer = await signIn(app, station.user.username);
    chief = await signIn(app, chiefUser.username);
    stranger = await signIn(app, otherOfficer.username);
    judge = await signIn(app, judgeUser.username);
  });

  it('opens a case with its parties, incident and custody in one request, each step audited', async () => {
    const res = await call(officer, 'POST', '/api/cases', openBody(hoursAgo(2)));
    expect(res.statusCode).toBe(201);
    const c = res.json<CaseDetail>();
    expect(c.parties.map((p) => [p.role, p.lastName, p.mobile]).sort()).toEqual([
      ['accused', 'محمدی', null],
      ['complainant', 'کاظمی', '09121234567'],
    ]);
    expect(c.custody).toHaveLength(1);
    expect(c.custody[0]!.partyId).toBe(c.parties.find((p) => p.role === 'accused')!.id);
    expect(c.readiness.missing.map((m) => m.code)).toEqual(['readiness.no_complaint_document']);
    const added = await eventsOf(c.id, 'party.added');
    expect(added).toHaveLength(2);
    expect(added[0]!.details).toMatchObject({ role: 'complainant', after: { lastName: 'کاظمی' } });
    // The audit entry keeps the digest of what was written, never the names.
    const audited = await auditOf(c.id, 'party.added');
    expect(audited[0]!.details).toMatchObject({
      role: 'complainant',
      changeSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(audited)).not.toMatch(/کاظمی|محمدی/);
    expect(await auditOf(c.id, 'custody.started')).toHaveLength(1);
  });

  it('refuses the whole case when one party is refused, naming the field, and saves nothing', async () => {
    const before = await casesOfStation();
    const body = openBody(hoursAgo(2));
    body.parties[1] = { ...body.parties[1]!, mobile: 'abc' };
    const res = await call(officer, 'POST', '/api/cases', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'body.parties.1.mobile' })]),
    );
    expect(await casesOfStation()).toBe(before);
  });

  it('refuses a custody on a party who is not an accused, or in the future, and saves nothing', async () => {
    const before = await casesOfStation();
    const witness = openBody(hoursAgo(2));
    witness.parties[1] = { ...witness.parties[1]!, role: 'witness' };
    const res = await call(officer, 'POST', '/api/cases', witness);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'custody.party_not_accused',
      issues: [{ path: 'body.parties.1.custodyStartedAt' }],
    });
    const future = await call(
      officer,
      'POST',
      '/api/cases',
      openBody(new Date(Date.now() + 3_600_000).toISOString()),
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().error.issues[0].path).toBe('body.parties.1.custodyStartedAt');
    expect(await casesOfStation()).toBe(before);
  });

  it('lets the officer and the chief change the draft, refusing the save made on an older version', async () => {
    const c = (await call(officer, 'POST', '/api/cases', openBody(hoursAgo(1)))).json<CaseDetail>();
    // The chief saves first, on the version both loaded…
    const first = await call(
      chief,
      'PATCH',
      `/api/cases/${c.id}`,
      { narrative: 'شرح رئیس' },
      { 'if-match': `"${c.updatedAt}"` },
    );
    expect(first.statusCode).toBe(200);
    // …so the officer's save, typed on that same version, is refused, naming the chief and the time.
    const second = await call(
      officer,
      'PATCH',
      `/api/cases/${c.id}`,
      { narrative: 'شرح افسر' },
      { 'if-match': c.updatedAt },
    );
    expect(second.statusCode).toBe(409);
    const error = second.json().error;
    expect(error.code).toBe('cases.changed_concurrently');
    expect(error.details.changedBy).toEqual(expect.any(String));
    expect(error.details.changedAt).toBe(first.json<CaseDetail>().updatedAt);
    const now = (await call(officer, 'GET', `/api/cases/${c.id}`)).json<CaseDetail>();
    expect(now.narrative).toBe('شرح رئیس');
    // A party changed on the current version goes through, audited with before and after.
    const accused = now.parties.find((p) => p.role === 'accused')!;
    const changed = await call(
      officer,
      'PATCH',
      `/api/cases/${c.id}/parties/${accused.id}`,
      { fatherName: 'حسن' },
      { 'if-match': now.updatedAt },
    );
    expect(changed.statusCode).toBe(200);
    const [entry] = await eventsOf(c.id, 'party.updated');
    expect(entry!.details).toMatchObject({ before: { fatherName: null }, after: { fatherName: 'حسن' } });
    const [updated] = await eventsOf(c.id, 'case.updated');
    expect(updated!.details).toMatchObject({
      before: { narrative: 'سرقت گوشی همراه در ایستگاه مترو' },
      after: { narrative: 'شرح رئیس' },
    });
    const bad = await call(
      officer,
      'PATCH',
      `/api/cases/${c.id}`,
      { narrative: 'x' },
      { 'if-match': 'yesterday' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('cases.invalid_version');
  });

  it('adds, re-classifies and removes documents, says so for the same bytes twice, and the checklist follows', async () => {
    const c = (await call(officer, 'POST', '/api/cases', openBody(hoursAgo(1)))).json<CaseDetail>();
    const added = await upload(officer, c.id, 'other', 'scan.pdf', TEST_PDF);
    expect(added.statusCode).toBe(201);
    const doc = added.json<{ id: string; kind: string }>();
    const again = await upload(officer, c.id, 'complaint', 'scan-again.pdf', TEST_PDF);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'documents.duplicate',
      details: { documentId: doc.id, name: 'scan.pdf' },
    });
    let now = (await call(officer, 'GET', `/api/cases/${c.id}`)).json<CaseDetail>();
    expect(now.documents).toHaveLength(1);
    expect(now.readiness.ready).toBe(false);

    // A PDF cannot be a photo: refused, nothing changes.
    const wrong = await call(officer, 'PATCH', `/api/cases/${c.id}/documents/${doc.id}`, { kind: 'photo' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('documents.kind_mismatch');
    const unknown = await call(officer, 'PATCH', `/api/cases/${c.id}/documents/${doc.id}`, { kind: 'poem' });
    expect(unknown.statusCode).toBe(400);

    const classified = await call(
      chief,
      'PATCH',
      `/api/cases/${c.id}/documents/${doc.id}`,
      { kind: 'complaint' },
      { 'if-match': now.updatedAt },
    );
    expect(classified.statusCode).toBe(200);
    expect(classified.json().kind).toBe('complaint');
    now = (await call(officer, 'GET', `/api/cases/${c.id}`)).json<CaseDetail>();
    expect(now.readiness.ready).toBe(true);
    expect((await eventsOf(c.id, 'document.classified'))[0]!.details).toMatchObject({
      before: { kind: 'other' },
      after: { kind: 'complaint' },
    });

    const photo = (await upload(officer, c.id, 'photo', 'scene.png', PNG)).json<{ id: string }>();
    now = (await call(officer, 'GET', `/api/cases/${c.id}`)).json<CaseDetail>();
    const removed = await call(officer, 'DELETE', `/api/cases/${c.id}/documents/${photo.id}`, undefined, {
      'if-match': now.updatedAt,
    });
    expect(removed.statusCode).toBe(204);
    now = (await call(officer, 'GET', `/api/cases/${c.id}`)).json<CaseDetail>();
    expect(now.documents.map((d) => d.id)).toEqual([doc.id]);
    expect((await eventsOf(c.id, 'document.removed'))[0]!.details).toMatchObject({
      before: { documentId: photo.id, kind: 'photo', name: 'scene.png' },
    });
    const [removal] = await auditOf(c.id, 'document.removed');
    expect(removal!.details).toMatchObject({ documentId: photo.id, changeSha256: expect.any(String) });
    expect(JSON.stringify(removal)).not.toContain('scene.png');
    const gone = await call(officer, 'DELETE', `/api/cases/${c.id}/documents/${photo.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('documents.not_found');

    // Sent (awaiting the chief's approval), the file takes changes only through the supplement path.
    expect((await call(officer, 'POST', `/api/cases/${c.id}/submission/prepare`)).statusCode).toBe(200);
    for (const res of [
      await call(officer, 'PATCH', `/api/cases/${c.id}/documents/${doc.id}`, { kind: 'report' }),
      await call(officer, 'DELETE', `/api/cases/${c.id}/documents/${doc.id}`),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('cases.not_editable');
    }
  });

  it('shows a document in the page, whole or by range, with headers that never let it run as a page', async () => {
    const c = (await call(officer, 'POST', '/api/cases', openBody(hoursAgo(1)))).json<CaseDetail>();
    const doc = (await upload(officer, c.id, 'complaint', 'شکوائیه.pdf', TEST_PDF)).json<{ id: string }>();
    const url = `/api/cases/${c.id}/documents/${doc.id}/content`;
    const whole = await call(officer, 'GET', `${url}?disposition=inline`);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers).toMatchObject({
      'content-type': 'application/pdf',
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; frame-ancestors 'self'",
      'x-frame-options': 'SAMEORIGIN',
      'cache-control': 'private, no-store',
    });
    expect(whole.headers['content-disposition']).toMatch(/^inline; filename="_+\.pdf"; filename\*=UTF-8''/);
    const part = await call(officer, 'GET', `${url}?disposition=inline`, undefined, { range: 'bytes=4-9' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 4-9/${TEST_PDF.length}`);
    expect(part.rawPayload.equals(TEST_PDF.subarray(4, 10))).toBe(true);
    const tail = await call(officer, 'GET', url, undefined, { range: 'bytes=-5' });
    expect(tail.rawPayload.equals(TEST_PDF.subarray(TEST_PDF.length - 5))).toBe(true);
    expect(tail.headers['content-disposition']).toMatch(/^attachment;/);
    expect(tail.headers).toMatchObject({ 'content-security-policy': 'sandbox', 'x-frame-options': 'DENY' });
    const beyond = await call(officer, 'GET', url, undefined, { range: `bytes=${TEST_PDF.length}-` });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.json().error.code).toBe('documents.range_not_satisfiable');
    expect((await call(officer, 'GET', `${url}?disposition=page`)).statusCode).toBe(400);
    const reads = await db
      .selectFrom('audit_log')
      .select('details')
      .where('resource_id', '=', doc.id)
      .where('action', '=', 'document.read')
      .execute();
    expect(reads.map((r) => (r.details as { range?: number[] }).range ?? null)).toEqual([
      null,
      [4, 9],
      [TEST_PDF.length - 5, TEST_PDF.length - 1],
    ]);
  });

  it('lets no one outside the station, nor a role the matrix leaves out, change or read a draft\u2019s documents', async () => {
    const c = (await call(officer, 'POST', '/api/cases', openBody(hoursAgo(1)))).json<CaseDetail>();
    const doc = (await upload(officer, c.id, 'complaint', 'a.pdf', TEST_PDF)).json<{ id: string }>();
    const tries = (as: string) =>
      Promise.all([
        call(as, 'PATCH', `/api/cases/${c.id}/documents/${doc.id}`, { kind: 'report' }),
        call(as, 'DELETE', `/api/cases/${c.id}/documents/${doc.id}`),
        call(as, 'GET', `/api/cases/${c.id}/documents/${doc.id}/content?disposition=inline`),
        call(as, 'PATCH', `/api/cases/${c.id}`, { narrative: 'x' }, { 'if-match': c.updatedAt }),
      ]);
    for (const res of await tries(stranger)) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('cases.not_found');
    }
    for (const res of await tries(judge)) expect(res.statusCode).toBe(404);
    for (const res of await tries('')) expect(res.statusCode).toBe(401);
    const now = (await call(officer, 'GET', `/api/cases/${c.id}`)).json<CaseDetail>();
    expect(now.documents.map((d) => d.kind)).toEqual(['complaint']);
    expect(now.narrative).toBe('سرقت گوشی همراه در ایستگاه مترو');
  });
});
