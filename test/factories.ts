import { randomBytes } from 'node:crypto';
import { nationalIdCheckDigit } from '../src/domain/national-id.js';
import type { Role } from '../src/domain/roles.js';
import type { OpenCaseBody } from '../src/domain/cases/case.schema.js';
import type { AddPartyBody } from '../src/domain/cases/party.schema.js';
import type { Actor } from '../src/domain/permissions.js';
import type { Db } from '../src/server/db/client.js';
import { openCase } from '../src/server/modules/cases/open-case.usecase.js';
import { addParty } from '../src/server/modules/cases/parties.usecase.js';
import type { Clock } from '../src/server/platform/clock.js';
import { systemClock } from '../src/server/platform/clock.js';
import {
  createOrganisation,
  setJurisdictionRule,
} from '../src/server/modules/organisations/organisations.usecase.js';
import { createUser } from '../src/server/modules/users/users.usecase.js';
import { Readable } from 'node:stream';
import type { DocumentKind } from '../src/domain/documents/documents.schema.js';
import type { BlobStore } from '../src/server/platform/blob-store/blob-store.js';
import { startCustody } from '../src/server/modules/cases/custody.usecase.js';
import { uploadDocument } from '../src/server/modules/documents/documents.usecase.js';
import { deliverDue } from '../src/server/modules/exchange/outbound/delivery.worker.js';
import type { Exchange } from '../src/server/modules/exchange/exchange.usecase.js';
import { createLogger } from '../src/server/platform/logger.js';
import { approveSubmission, prepareSubmission } from '../src/server/modules/submission/index.js';

import { TEST_NODE_ID } from './exchange.js';

export { registrationMessage, TEST_NODE_ID } from './exchange.js';

const suffix = () => randomBytes(3).toString('hex').toUpperCase();

/**
 * A new organisation (a station unless told otherwise) in a test county of Tehran province, hosted on
 * the test node unless another `nodeId` is given, with a fresh code unless one is given.
 */
export async function makeOrganisation(
  db: Db,
  options: {
    kind?: 'station' | 'outpost' | 'prosecutor_office' | 'hq' | 'escort_unit';
    countyCode?: string;
    nodeId?: string;
    code?: string;
    clock?: Clock;
  } = {},
) {
  const kind = options.kind ?? 'station';
  const prefix = { prosecutor_office: 'DA', hq: 'HQ', escort_unit: 'ESC', station: 'KL', outpost: 'KL' }[
    kind
  ];
  const code = options.code ?? `${prefix}-${suffix()}`;
  return createOrganisation({
    db,
    clock: options.clock ?? systemClock,
    actor: null,
    nodeId: options.nodeId ?? TEST_NODE_ID,
    body: {
      code,
      kind,
      nameFa: `واحد ${code}`,
      nameEn: `Unit ${code}`,
      provinceCode: 'IR-23',
      countyCode: options.countyCode ?? 'IR-23-TEHRAN',
    },
  });
}

/** A station and its competent prosecutor's office, linked by a county rule. */
export async function makeJurisdiction(db: Db) {
  const countyCode = `IR-23-C${suffix()}`;
  const office = await makeOrganisation(db, { kind: 'prosecutor_office', countyCode });
  const station = await makeOrganisation(db, { kind: 'station', countyCode });
  await setJurisdictionRule({
    db,
    clock: systemClock,
    actor: null,
    rule: { countyCode, prosecutorOfficeId: office.id },
  });
  return { station, office, countyCode };
}

export const TEST_PASSWORD = 'correct horse battery';

/** A user with the given role in the given organisation; password `TEST_PASSWORD`. */
export async function makeUser(db: Db, orgId: string, role: Role) {
  const username = `u${suffix().toLowerCase()}${randomBytes(2).toString('hex')}`;
  return createUser({
    db,
    clock: systemClock,
    actor: null,
    body: { orgId, username, displayName: `کاربر ${username}`, role, password: TEST_PASSWORD },
  });
}

/** A random valid national ID (کد ملی). */
export function makeNationalId(): string {
  let first9 = '';
  do {
    first9 = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10)).join('');
  } while (/^(\d)\1{8}$/.test(first9) || /^\d{3}0{6}$/.test(first9));
  return first9 + String(nationalIdCheckDigit(first9));
}

/**
 * A draft case inserted directly (not through the cases use cases), for tests of other modules that need one:
 * case number `1405/T-<random>`, origin `complaint`, created by the given user.
 */
export async function makeDraftCase(db: Db, options: { orgId: string; userId: string }) {
  const now = new Date();
  return db
    .insertInto('cases')
    .values({
      id: crypto.randomUUID(),
      org_id: options.orgId,
      year: 1405,
      seq: randomBytes(4).readUInt32BE(0) >>> 1, // random, so that it never meets the counter's numbers in practice
      case_number: `1405/T-${suffix()}`,
      origin: 'complaint',
      created_by: options.userId,
      updated_by: options.userId,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A station (with its prosecutor's office) and a user of it, with the user as a use-case actor. */
export async function makeStationUser(db: Db, role: 'station.officer' | 'station.chief' = 'station.officer') {
  const { station, office } = await makeJurisdiction(db);
  const user = await makeUser(db, station.id, role);
  const actor: Actor = { userId: user.id, orgId: station.id, role: user.role };
  return { station, office, user, actor };
}

/** A case opened through the cases use case (numbered; a complaint, with a tracking code, unless told otherwise). */
export async function makeCase(
  db: Db,
  actor: Actor,
  body: Partial<OpenCaseBody> = {},
  clock: Clock = systemClock,
) {
  return openCase({ db, clock, actor, ip: null, body: { origin: 'complaint', ...body } });
}

/** A party added through the cases use case: an accused with a valid national ID unless told otherwise. */
export async function makeParty(
  db: Db,
  actor: Actor,
  caseId: string,
  body: Partial<AddPartyBody> = {},
  clock: Clock = systemClock,
) {
  return addParty({
    db,
    clock,
    actor,
    ip: null,
    caseId,
    body: { role: 'accused', firstName: 'علی', lastName: 'رضایی', nationalId: makeNationalId(), ...body },
  });
}

/** A PDF small enough for tests and real enough for the content check. */
export const TEST_PDF = Buffer.from(
  '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n',
  'latin1',
);

/**
 * A document uploaded to a case through the documents use case (streamed into the app's blob store), by
 * default a PDF of the complaint; `content` makes it unique. `afterSending` uploads to a sent case.
 */
export async function makeCaseDocument(
  deps: { db: Db; blobs: BlobStore; clock?: Clock },
  actor: Actor,
  caseId: string,
  options: { kind?: DocumentKind; content?: string; afterSending?: boolean } = {},
) {
  const bytes = Buffer.concat([
    TEST_PDF,
    Buffer.from(`% ${options.content ?? randomBytes(8).toString('hex')}\n`),
  ]);
  return uploadDocument({
    db: deps.db,
    blobs: deps.blobs,
    clock: deps.clock ?? systemClock,
    actor,
    caseId,
    maxBytes: 1024 * 1024,
    receive: async () => ({
      kind: options.kind ?? 'complaint',
      fileName: 'شکوائیه.pdf',
      content: Readable.from([bytes]),
      wasTruncated: () => false,
    }),
    ...(options.afterSending ? { assertAcceptsUploads: () => undefined } : {}),
  });
}

/**
 * A complaint case that passes the readiness check: theft, a narrative, a complainant and an accused,
 * and the complaint document — optionally with the accused held in custody since `custodySince`.
 */
export async function makeReadyCase(
  deps: { db: Db; blobs: BlobStore; clock?: Clock },
  actor: Actor,
  options: { custodySince?: Date } = {},
) {
  const clock = deps.clock ?? systemClock;
  const opened = await makeCase(
    deps.db,
    actor,
    { crimeCategoryCode: 'theft', narrative: 'سرقت گوشی همراه در ایستگاه مترو' },
    clock,
  );
  await makeParty(
    deps.db,
    actor,
    opened.id,
    { role: 'complainant', firstName: 'مریم', lastName: 'احمدی' },
    clock,
  );
  const accused = await makeParty(deps.db, actor, opened.id, {}, clock);
  await makeCaseDocument({ ...deps, clock }, actor, opened.id);
  if (options.custodySince) {
    await startCustody({
      db: deps.db,
      clock,
      actor,
      ip: null,
      caseId: opened.id,
      body: { partyId: accused.id, startedAt: options.custodySince.toISOString() },
    });
  }
  return opened;
}

/** Runs delivery-worker passes (local transport) until nothing is due; returns how many deliveries were tried. */
export async function deliverAll(deps: { db: Db; clock: Clock; exchange: Exchange }): Promise<number> {
  const log = createLogger('silent');
  let total = 0;
  for (let pass = 0; pass < 50; pass++) {
    const handled = await deliverDue({
      db: deps.db,
      clock: deps.clock,
      log,
      transportFor: (node) => deps.exchange.transportFor(node),
    });
    if (handled === 0) return total;
    total += handled;
  }
  return total;
}

/**
 * Sends a ready case to its office: the officer prepares it, the chief approves it, and the local
 * transport delivers it — for tests of modules below `submission` (which may not import it).
 */
export async function sendCase(
  deps: { db: Db; clock: Clock; exchange: Exchange },
  input: { caseId: string; officer: Actor; chief: Actor },
): Promise<void> {
  const base = { db: deps.db, clock: deps.clock, ip: null, caseId: input.caseId };
  await prepareSubmission({ ...base, actor: input.officer });
  await approveSubmission({ ...base, actor: input.chief, exchange: deps.exchange });
  await deliverAll(deps);
}
