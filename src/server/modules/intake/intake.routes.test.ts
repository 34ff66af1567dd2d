import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import {
  deliverAll,
  makeOrganisation,
  makeReadyCase,
  makeStationUser,
  makeUser,
  TEST_PDF,
} from '../../../../test/factories.js';
import type { Actor } from '../../../domain/permissions.js';
import { fixedClock } from '../../platform/clock.js';
import { setJurisdictionRule } from '../organisations/index.js';
import { approveSubmission, prepareSubmission } from '../submission/index.js';

const { db } = await useTestDatabase();
const clock = fixedClock('2026-03-21T06:30:00Z');
const { app, exchange, blobs } = await useTestApp(db, { clock });
const HOUR = 3_600_000;

type Method = 'GET' | 'POST';
const call = (cookie: string, method: Method, url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

/** A multipart upload of one file. */
function multipart(kind: string, content: Buffer) {
  const boundary = `----casebridge-${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidence.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('intake at the prosecutor\u2019s office', () => {
  let station: Awaited<ReturnType<typeof makeStationUser>>;
  let chief: Actor;
  let stationCookie: string;
  let clerkCookie: string;
  let judgeCookie: string;
  let otherClerkCookie: string;

  /** A ready case, prepared, approved and delivered; returns the case and its intake file id. */
  async function sendCase(options: { custodySince?: Date; as?: { officer: Actor; chief: Actor } } = {}) {
    const by = options.as ?? { officer: station.actor, chief };
    const ready = await makeReadyCase({ db, blobs, clock }, by.officer, options);
    const base = { db, clock, ip: null, caseId: ready.id };
    await prepareSubmission({ ...base, actor: by.officer });
    await approveSubmission({ ...base, actor: by.chief, exchange });
    await deliverAll({ db, clock, exchange });
    const file = await db
      .selectFrom('intake_files')
      .select(['id', 'status'])
      .where('case_ref', '=', ready.id)
      .executeTakeFirstOrThrow();
    return { caseId: ready.id, caseNumber: ready.caseNumber, intakeId: file.id };
  }

  beforeAll(async () => {
    station = await makeStationUser(db, 'station.officer');
    const chiefUser = await makeUser(db, station.station.id, 'station.chief');
    chief = { userId: chiefUser.id, orgId: station.station.id, role: 'station.chief' };
    stationCookie = await signIn(app, chiefUser.username);
    clerkCookie = await signIn(app, (await makeUser(db, station.office.id, 'prosecutor.clerk')).username);
    judgeCookie = await signIn(app, (await makeUser(db, station.office.id, 'prosecutor.judge')).username);
    const otherOffice = await makeOrganisation(db, { kind: 'prosecutor_office' });
    otherClerkCookie = await signIn(app, (await makeUser(db, otherOffice.id, 'prosecutor.clerk')).username);
  });

  it('puts a delivered file in the queue, custody cases with a running clock first with their deadline', async () => {
    const plain = await sendCase();
    clock.advance(60_000);
    const held = await sendCase({ custodySince: new Date(clock.now().getTime() - 20 * HOUR) });
    clock.advance(60_000);
    const newest = await sendCase();
    const res = await call(clerkCookie, 'GET', '/api/intake');
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((i: { id: string }) => i.id);
    expect(ids.slice(0, 3)).toEqual([held.intakeId, newest.intakeId, plain.intakeId]);
    const first = res.json().items[0];
    expect(first).toMatchObject({
      inCustody: true,
      status: 'received',
      station: { code: station.station.code },
      caseNumber: held.caseNumber,
    });
    expect(first.custodyDeadlineAt).toBe(new Date(clock.now().getTime() - 60_000 + 4 * HOUR).toISOString());
    expect(first.custodyRemainingSeconds).toBe(4 * 3600 - 60);

    const custodyOnly = (await call(clerkCookie, 'GET', '/api/intake?custody=true')).json();
    expect(custodyOnly.items.map((i: { id: string }) => i.id)).toEqual([held.intakeId]);
    const byStation = (
      await call(
        clerkCookie,
        'GET',
        `/api/intake?stationCode=${station.station.code}&crimeCategory=theft&status=received`,
      )
    ).json();
    expect(byStation.items.length).toBeGreaterThanOrEqual(3);
    expect((await call(clerkCookie, 'GET', '/api/intake?stationCode=KL-NOPE')).json()).toEqual({
      items: [],
      next: null,
    });

    // Page by page (keyset, pages of one): the same files in the same order, the urgent part first.
    const all = res.json().items.map((i: { id: string }) => i.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; next: string | null } = (
        await call(clerkCookie, 'GET', `/api/intake?pageSize=1${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      expect(page).not.toHaveProperty('total');
      paged.push(...page.items.map((i) => i.id));
      cursor = page.next;
    } while (cursor && paged.length < 100);
    expect(paged).toEqual(all);
    const bad = await call(clerkCookie, 'GET', '/api/intake?cursor=bm90LWEtY3Vyc29y');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'list.invalid_cursor' } });
  });

  it('shows a file with its parties, documents and verification, and lets the office download its documents', async () => {
    const sent = await sendCase();
    const res = await call(judgeCookie, 'GET', `/api/intake/${sent.intakeId}`);
    expect(res.statusCode).toBe(200);
    const file = res.json();
    expect(file.parties.map((p: { role: string }) => p.role).sort()).toEqual(['accused', 'complainant']);
    expect(file.verification).toMatchObject({ signatureVerified: true, documentsVerified: true });
    expect(file.documents).toHaveLength(1);
    expect(file.documents[0]).toMatchObject({
      kind: 'complaint',
      mediaType: 'application/pdf',
      hashVerified: true,
    });

    const download = await call(
      clerkCookie,
      'GET',
      `/api/intake/${sent.intakeId}/documents/${file.documents[0].sha256}/content`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.subarray(0, TEST_PDF.length).equals(TEST_PDF)).toBe(true);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    const missing = await call(
      clerkCookie,
      'GET',
      `/api/intake/${sent.intakeId}/documents/${'0'.repeat(64)}/content`,
    );
    expect(missing.statusCode).toBe(404);
  });

  it('shows a document in the page (inline, framed only by the node) and streams a byte range, audited', async () => {
    const sent = await sendCase();
    const file = (await call(clerkCookie, 'GET', `/api/intake/${sent.intakeId}`)).json();
    const url = `/api/intake/${sent.intakeId}/documents/${file.documents[0].sha256}/content`;
    const inline = await call(clerkCookie, 'GET', `${url}?disposition=inline`);
    expect(inline.statusCode).toBe(200);
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    expect(inline.headers['content-security-policy']).toBe("sandbox; frame-ancestors 'self'");
    expect(inline.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(inline.headers['accept-ranges']).toBe('bytes');

    const part = await app.inject({
      method: 'GET',
      url: `${url}?disposition=inline`,
      headers: { cookie: clerkCookie, range: 'bytes=0-3' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-3/${file.documents[0].size}`);
    expect(part.rawPayload.equals(TEST_PDF.subarray(0, 4))).toBe(true);
    const audit = await db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'intake.document_read')
      .where('resource_id', '=', sent.intakeId)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ inline: true, range: [0, 3] });

    const past = await app.inject({
      method: 'GET',
      url,
      headers: { cookie: clerkCookie, range: `bytes=${file.documents[0].size}-` },
    });
    expect(past.statusCode).toBe(416);
    const bad = await call(clerkCookie, 'GET', `${url}?disposition=script`);
    expect(bad.statusCode).toBe(400);
    expect((await call(otherClerkCookie, 'GET', `${url}?disposition=inline`)).statusCode).toBe(404);
  });

  it('hides another office\u2019s file (404 intake.not_found) and keeps stations out of intake', async () => {
    const sent = await sendCase();
    const res = await call(otherClerkCookie, 'GET', `/api/intake/${sent.intakeId}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('intake.not_found');
    const decide = await call(otherClerkCookie, 'POST', `/api/intake/${sent.intakeId}/register`, {
      fileNumber: '1',
      branch: 'x',
      assignedJudge: 'y',
    });
    expect(decide.statusCode).toBe(404);
    expect((await call(stationCookie, 'GET', '/api/intake')).statusCode).toBe(403);
  });

  it('registers a file, and the station sees it registered with the file number, branch and judge', async () => {
    const sent = await sendCase();
    const byJudge = await call(judgeCookie, 'POST', `/api/intake/${sent.intakeId}/register`, {
      fileNumber: '1405-0001',
      branch: 'شعبه ۲',
      assignedJudge: 'دادیار رحیمی',
    });
    expect(byJudge.statusCode).toBe(403);
    const res = await call(clerkCookie, 'POST', `/api/intake/${sent.intakeId}/register`, {
      fileNumber: '1405-0001',
      branch: 'شعبه ۲',
      assignedJudge: 'دادیار رحیمی',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('registered');
    const twice = await call(clerkCookie, 'POST', `/api/intake/${sent.intakeId}/reject`, {
      reasons: [{ code: 'rejection.other', text: '' }],
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('intake.invalid_state');

    clock.advance(30_000);
    await deliverAll({ db, clock, exchange });
    const submission = (await call(stationCookie, 'GET', `/api/cases/${sent.caseId}/submission`)).json();
    expect(submission).toMatchObject({
      caseStatus: 'registered',
      status: 'registered',
      registration: { fileNumber: '1405-0001', branch: 'شعبه ۲', assignedJudge: 'دادیار رحیمی' },
      answeredAt: clock.now().toISOString(),
    });
    expect(submission.events.at(-1)).toEqual({ type: 'registered', at: clock.now().toISOString() });
    const timeline = (await call(stationCookie, 'GET', `/api/cases/${sent.caseId}/timeline`)).json();
    expect(timeline.items.map((e: { type: string }) => e.type)).toContain('answer.registered');
  });

  it('refuses a file number the office already gave (409 intake.file_number_taken), in any digits, and changes nothing', async () => {
    const first = await sendCase();
    const second = await sendCase();
    const body = { branch: 'شعبه ۳', assignedJudge: 'بازپرس کاظمی' };
    const ok = await call(clerkCookie, 'POST', `/api/intake/${first.intakeId}/register`, {
      ...body,
      fileNumber: '1405-0777',
    });
    expect(ok.statusCode).toBe(200);
    const outbox = async () =>
      (
        await db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const queued = await outbox();
    const again = await call(clerkCookie, 'POST', `/api/intake/${second.intakeId}/register`, {
      ...body,
      fileNumber: ' ۱۴۰۵-۰۷۷۷ ',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'intake.file_number_taken',
      issues: [{ path: 'body.fileNumber', code: 'intake.file_number_taken' }],
    });
    expect(again.json().error.message).toContain('fileNumber');
    const file = await db
      .selectFrom('intake_files')
      .select(['status', 'file_number'])
      .where('id', '=', second.intakeId)
      .executeTakeFirstOrThrow();
    expect(file).toEqual({ status: 'received', file_number: null });
    expect(await outbox()).toBe(queued);

    const other = await call(clerkCookie, 'POST', `/api/intake/${second.intakeId}/register`, {
      ...body,
      fileNumber: '۱۴۰۵-۰۷۷۸',
    });
    expect(other.statusCode).toBe(200);
    const stored = await db
      .selectFrom('intake_files')
      .select('file_number')
      .where('id', '=', second.intakeId)
      .executeTakeFirstOrThrow();
    expect(stored.file_number).toBe('1405-0778');
  });

  it('rejects a file with coded reasons and names the competent office to the station', async () => {
    const sent = await sendCase();
    const competent = await makeOrganisation(db, { kind: 'prosecutor_office' });
    const res = await call(clerkCookie, 'POST', `/api/intake/${sent.intakeId}/reject`, {
      reasons: [{ code: 'rejection.not_criminal', text: 'موضوع حقوقی است' }],
      competentOfficeCode: competent.code,
    });
    expect(res.statusCode).toBe(200);
    await deliverAll({ db, clock, exchange });
    const submission = (await call(stationCookie, 'GET', `/api/cases/${sent.caseId}/submission`)).json();
    expect(submission.status).toBe('rejected');
    expect(submission.rejection).toEqual({
      reasons: [{ code: 'rejection.not_criminal', text: 'موضوع حقوقی است' }],
      competentOffice: { code: competent.code, name: competent.nameFa },
    });
    const supplement = await call(stationCookie, 'POST', `/api/cases/${sent.caseId}/supplements`, {
      note: 'پس از رد',
    });
    expect(supplement.statusCode).toBe(409);
  });

  it('rejects on arrival a file from a station of another office\u2019s jurisdiction, with rejection.wrong_jurisdiction and the competent office', async () => {
    const moved = await makeStationUser(db, 'station.chief');
    const ready = await makeReadyCase({ db, blobs, clock }, moved.actor);
    await prepareSubmission({ db, clock, ip: null, caseId: ready.id, actor: moved.actor });
    await approveSubmission({ db, clock, ip: null, caseId: ready.id, actor: moved.actor, exchange });
    // Before delivery, the station's county passes to another office: the receiving office is no longer competent.
    const newOffice = await makeOrganisation(db, { kind: 'prosecutor_office' });
    const station = await db
      .selectFrom('organisations')
      .select('county_code')
      .where('id', '=', moved.station.id)
      .executeTakeFirstOrThrow();
    await setJurisdictionRule({
      db,
      clock,
      actor: null,
      rule: { countyCode: station.county_code, prosecutorOfficeId: newOffice.id },
    });
    await deliverAll({ db, clock, exchange });

    const file = await db
      .selectFrom('intake_files')
      .selectAll()
      .where('case_ref', '=', ready.id)
      .executeTakeFirstOrThrow();
    expect(file.org_id).toBe(moved.office.id);
    expect(file.status).toBe('rejected');
    const caseRow = await db
      .selectFrom('cases')
      .select('status')
      .where('id', '=', ready.id)
      .executeTakeFirstOrThrow();
    expect(caseRow.status).toBe('rejected');
    const answer = await db
      .selectFrom('case_submissions')
      .select('rejection')
      .where('case_id', '=', ready.id)
      .executeTakeFirstOrThrow();
    expect(answer.rejection).toMatchObject({
      reasons: [{ code: 'rejection.wrong_jurisdiction' }],
      competentOffice: { code: newOffice.code, name: newOffice.nameFa },
    });
  });

  it('returns a file for completion; the station supplements it with a new document and the file is back in the queue', async () => {
    const sent = await sendCase();
    const returned = await call(clerkCookie, 'POST', `/api/intake/${sent.intakeId}/return`, {
      deficiencies: [{ code: 'deficiency.evidence', text: 'تصویر دوربین مداربسته پیوست شود' }],
    });
    expect(returned.statusCode).toBe(200);
    await deliverAll({ db, clock, exchange });
    const atStation = (await call(stationCookie, 'GET', `/api/cases/${sent.caseId}/submission`)).json();
    expect(atStation).toMatchObject({
      status: 'returned',
      deficiencies: [{ code: 'deficiency.evidence', text: 'تصویر دوربین مداربسته پیوست شود' }],
    });

    clock.advance(HOUR);
    const evidence = Buffer.concat([TEST_PDF, Buffer.from('% cctv\n')]);
    const upload = await app.inject({
      method: 'POST',
      url: `/api/cases/${sent.caseId}/supplements/documents`,
      ...withCookie(multipart('evidence', evidence), stationCookie),
    });
    expect(upload.statusCode).toBe(201);
    const supplement = await call(stationCookie, 'POST', `/api/cases/${sent.caseId}/supplements`, {
      note: 'تصویر پیوست شد',
      answers: 'بند ۱: انجام شد',
      documentIds: [upload.json().id],
    });
    expect(supplement.statusCode).toBe(201);
    expect(supplement.json().caseStatus).toBe('sent');
    await deliverAll({ db, clock, exchange });

    const file = (await call(clerkCookie, 'GET', `/api/intake/${sent.intakeId}`)).json();
    expect(file.status).toBe('received');
    expect(file.documents.map((d: { kind: string }) => d.kind)).toEqual(['complaint', 'evidence']);
    expect(file.documents.every((d: { hashVerified: boolean }) => d.hashVerified)).toBe(true);
    const registered = await call(clerkCookie, 'POST', `/api/intake/${sent.intakeId}/register`, {
      fileNumber: '1405-0002',
      branch: 'شعبه ۱',
      assignedJudge: 'بازپرس کاظمی',
    });
    expect(registered.statusCode).toBe(200);
  });
});

function withCookie(body: { payload: Buffer; headers: Record<string, string> }, cookie: string) {
  return { payload: body.payload, headers: { ...body.headers, cookie } };
}
