import type { Role } from '../../src/domain/roles.js';
import type { App } from '../../src/server/platform/http/fastify-app.js';
import type { Db } from '../../src/server/db/client.js';
import type { Exchange } from '../../src/server/modules/exchange/exchange.usecase.js';
import type { Clock } from '../../src/server/platform/clock.js';
import {
  deliverAll,
  makeJurisdiction,
  makeNationalId,
  makeOrganisation,
  makeUser,
  TEST_PASSWORD,
  TEST_PDF,
} from '../factories.js';
import type { Identity, PoolName } from './fuzz-requests.js';
import { findDeliveriesTo } from '../../src/server/modules/notifications/index.js';

/**
 * The node the fuzzer works on: a station, its prosecutor's office, an escort unit and a headquarters, a
 * signed-in user of every role, and the ids of real cases, parties, intake files, orders and escorts (made by
 * the happy-path story) for requests to aim at. The story is also what proves, after the run, that every
 * normal operation still works.
 */

export interface NodeUnderTest {
  app: App;
  db: Db;
  exchange: Exchange;
  clock: Clock;
  /** What the node logged at level error (its unhandled errors, with their stacks), drained by the fuzzer. */
  errors?: string[];
}

/** A user of each role, in the organisation the role belongs to. */
export type Users = Record<Role, { id: string; username: string }>;

let addressCounter = 0;
/** A fresh client address per sign-in, so that the sign-in rate limit (per address) never bites the fuzzer. */
const freshAddress = () => `10.77.${(++addressCounter >> 8) & 255}.${addressCounter & 255}`;

/** Signs in and returns the cookie header for later requests. */
export async function signInAs(app: App, username: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
    remoteAddress: freshAddress(),
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'cb_session');
  if (!cookie) throw new Error('no session cookie');
  return `cb_session=${cookie.value}`;
}

/** Organisations and a user of every role in them. */
export async function makeOrganisationsAndUsers(db: Db) {
  const { station, office, countyCode } = await makeJurisdiction(db);
  const escortUnit = await makeOrganisation(db, { kind: 'escort_unit', countyCode });
  const hq = await makeOrganisation(db, { kind: 'hq', countyCode });
  const orgOf: Record<Role, string> = {
    'station.officer': station.id,
    'station.chief': station.id,
    'prosecutor.clerk': office.id,
    'prosecutor.judge': office.id,
    'escort.officer': escortUnit.id,
    supervisor: hq.id,
    admin: hq.id,
  };
  const users = {} as Users;
  for (const [role, orgId] of Object.entries(orgOf) as [Role, string][]) {
    const user = await makeUser(db, orgId, role);
    users[role] = { id: user.id, username: user.username };
  }
  return { station, office, escortUnit, hq, users };
}

/** Cookie headers of each identity the fuzzer sends requests as. */
export type Sessions = Map<Identity, string | undefined>;

export async function signInAll(app: App, users: Users): Promise<Sessions> {
  const sessions: Sessions = new Map([
    ['anonymous', undefined],
    ['forged-session', 'cb_session=forged-0000000000000000000000000000000000000000'],
  ]);
  for (const [role, user] of Object.entries(users) as [Role, { username: string }][])
    sessions.set(role, await signInAs(app, user.username));
  return sessions;
}

/** What the story made: ids for the fuzzer's pools. */
export type StoryIds = Partial<Record<PoolName, string[]>>;

/**
 * The happy path of the node, through its HTTP API: a station opens a complaint, adds parties, custody and
 * the complaint document, sends it; the office registers it and the judge issues an order; the station
 * acknowledges and reports; the judge closes it; the station asks for an escort and the escort unit takes it;
 * the audit chain verifies; the complainant tracks the case. Throws at the first step that does not answer
 * as a working node does.
 */
export async function playStory(node: NodeUnderTest, sessions: Sessions, users: Users): Promise<StoryIds> {
  const { app } = node;
  const now = node.clock.now().getTime();
  const hours = (h: number) => new Date(now + h * 3_600_000).toISOString();
  const call = async (as: Role, method: 'GET' | 'POST', url: string, expected: number, payload?: object) => {
    const res = await app.inject({
      method,
      url,
      headers: { cookie: sessions.get(as) ?? '' },
      ...(payload ? { payload } : {}),
    });
    if (res.statusCode !== expected)
      throw new Error(
        `story: ${as} ${method} ${url} answered ${res.statusCode}, not ${expected}: ${res.body.slice(0, 500)}`,
      );
    return res.json() as Record<string, unknown> & { items?: Record<string, unknown>[] };
  };
  const deliver = () => deliverAll(node);
  const officer = 'station.officer';

  const complainantId = makeNationalId();
  const opened = await call(officer, 'POST', '/api/cases', 201, {
    origin: 'complaint',
    crimeCategoryCode: 'theft',
    narrative: 'سرقت گوشی همراه در ایستگاه مترو',
  });
  const caseId = String(opened.id);
  const complainant = await call(officer, 'POST', `/api/cases/${caseId}/parties`, 201, {
    role: 'complainant',
    firstName: 'مریم',
    lastName: 'احمدی',
    nationalId: complainantId,
    mobile: '09121234567',
  });
  const accused = await call(officer, 'POST', `/api/cases/${caseId}/parties`, 201, {
    role: 'accused',
    firstName: 'علی',
    lastName: 'رضایی',
    nationalId: makeNationalId(),
  });
  const custody = await call(officer, 'POST', `/api/cases/${caseId}/custody`, 201, {
    partyId: accused.id,
    startedAt: hours(-1),
  });
  const boundary = 'story-boundary';
  const upload = await app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/documents`,
    headers: {
      cookie: sessions.get(officer) ?? '',
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncomplaint\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="complaint.pdf"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      ),
      TEST_PDF,
      Buffer.from(`% ${caseId}\n\r\n--${boundary}--\r\n`),
    ]),
  });
  if (upload.statusCode !== 201)
    throw new Error(`story: upload answered ${upload.statusCode}: ${upload.body}`);
  const document = upload.json() as { id: string; sha256: string };
  await call(officer, 'GET', `/api/cases/${caseId}/readiness`, 200);
  const escort = await call(officer, 'POST', `/api/cases/${caseId}/escorts`, 201, {
    partyId: accused.id,
    destination: 'prosecutor_office',
    place: 'دادسرای ناحیه ۴ تهران',
    scheduledAt: hours(2),
    reason: 'معرفی متهم به بازپرس',
  });
  await call(officer, 'POST', `/api/cases/${caseId}/submission/prepare`, 200);
  await call('station.chief', 'POST', `/api/cases/${caseId}/submission/approve`, 200);
  await deliver();

  // The station's escort unit is the first of its province on the node: fuzzed requests may have made others.
  const unit = await node.db
    .selectFrom('organisations')
    .select('id')
    .where('code', '=', String(escort.counterpart))
    .executeTakeFirstOrThrow();
  const escortOfficer = await makeUser(node.db, unit.id, 'escort.officer');
  const escortCookie = await signInAs(app, escortOfficer.username);
  const escorts = await app.inject({ method: 'GET', url: '/api/escorts', headers: { cookie: escortCookie } });
  const escortHere = (escorts.json() as { items?: Record<string, unknown>[] }).items?.find(
    (e) => e.caseRef === escort.caseRef,
  );
  if (!escortHere) throw new Error('story: the escort request did not reach the escort unit');
  const assigned = await app.inject({
    method: 'POST',
    url: `/api/escorts/${String(escortHere.escortId)}/assign`,
    headers: { cookie: escortCookie },
    payload: { officers: 'ستوان کریمی', vehicle: 'ون ۲۲ ب ۴۵۶' },
  });
  if (assigned.statusCode !== 200)
    throw new Error(`story: assign answered ${assigned.statusCode}: ${assigned.body}`);

  const queue = await call('prosecutor.clerk', 'GET', '/api/intake', 200);
  const intake = queue.items?.find((i) => i.caseRef === caseId);
  if (!intake) throw new Error('story: the case did not reach the office');
  const intakeId = String(intake.id);
  await call('prosecutor.clerk', 'POST', `/api/intake/${intakeId}/register`, 200, {
    fileNumber: '1405-ب-77',
    branch: 'شعبه ۲',
    assignedJudge: 'بازپرس نوری',
  });
  const issued = await call('prosecutor.judge', 'POST', `/api/intake/${intakeId}/orders`, 201, {
    kind: 'investigation',
    text: 'تحقیق از شهود',
    deadlineAt: hours(72),
  });
  await deliver();
  const stationOrders = await call(officer, 'GET', '/api/orders', 200);
  const order = stationOrders.items?.find((o) => o.caseId === caseId);
  if (!order) throw new Error('story: the order did not reach the station');
  const orderId = String(order.orderId);
  await call(officer, 'POST', `/api/orders/${orderId}/acknowledge`, 200);
  await call(officer, 'POST', `/api/orders/${orderId}/report`, 200, { report: 'شهود تحقیق شدند' });
  await deliver();
  await call('prosecutor.judge', 'POST', `/api/orders/${String(issued.orderId)}/close`, 200, {
    outcome: 'closed',
  });

  const draft = await call(officer, 'POST', '/api/cases', 201, { origin: 'officer_report' });
  const draftParty = await call(officer, 'POST', `/api/cases/${String(draft.id)}/parties`, 201, {
    role: 'witness',
    firstName: 'رضا',
    lastName: 'نوری',
  });
  const messages = await call(officer, 'GET', `/api/cases/${caseId}/messages`, 200);
  const verified = await call('admin', 'POST', '/api/audit/verify', 200);
  if (JSON.stringify(verified).includes('"ok":false'))
    throw new Error(`story: audit chain: ${JSON.stringify(verified)}`);
  await call('supervisor', 'GET', `/api/figures?from=${hours(-24)}&to=${hours(1)}`, 200);
  // The complainant asks for a one-time code (sent to the mobile: the log notifier's outbox), then tracks.
  const asked = { code: String(opened.trackingCode), nationalId: complainantId };
  const trackingAddress = freshAddress();
  await app.inject({
    method: 'POST',
    url: '/api/public/tracking/code',
    payload: asked,
    remoteAddress: trackingAddress,
  });
  const otp = /(\d{6})/.exec((await findDeliveriesTo(node.db, '09121234567'))[0]?.text ?? '')?.[1] ?? '';
  const tracked = await app.inject({
    method: 'GET',
    url: '/api/public/tracking',
    query: { ...asked, otp },
    remoteAddress: trackingAddress,
  });
  if (tracked.statusCode !== 200)
    throw new Error(`story: tracking answered ${tracked.statusCode}: ${tracked.body}`);

  return {
    case: [String(draft.id), caseId],
    sentCase: [caseId],
    party: [String(draftParty.id), String(accused.id), String(complainant.id)],
    custody: [String(custody.id)],
    document: [document.id],
    sha256: [document.sha256],
    intake: [intakeId],
    order: [orderId, String(issued.orderId)],
    escort: [String(escortHere.escortId), String(escort.escortId)],
    messageId: (messages.items ?? []).map((m) => String(m.id)),
    trackingCode: [String(opened.trackingCode)],
    nationalId: [complainantId],
    user: Object.values(users).map((u) => u.id),
  };
}
