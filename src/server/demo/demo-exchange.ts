import { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/permissions.js';
import type { Role } from '../../domain/roles.js';
import type { Db } from '../db/client.js';
import { deliverDue } from '../modules/exchange/outbound/delivery.worker.js';
import type { Exchange } from '../modules/exchange/exchange.usecase.js';
import { uploadDocument } from '../modules/documents/documents.usecase.js';
import { registerIntake, rejectIntake, returnIntake } from '../modules/intake/intake-decisions.usecase.js';
import { issueOrder } from '../modules/orders/issue-order.usecase.js';
import { acknowledgeOrder, closeOrder, reportOrder } from '../modules/orders/order-steps.usecase.js';
import { assignEscort, handOverEscort } from '../modules/escorts/escort-steps.usecase.js';
import { requestEscort } from '../modules/escorts/request-escort.usecase.js';
import { approveSubmission } from '../modules/submission/approve-submission.usecase.js';
import { prepareSubmission } from '../modules/submission/prepare-submission.usecase.js';
import { supplementCase } from '../modules/submission/supplement-case.usecase.js';
import type { BlobStore } from '../platform/blob-store/blob-store.js';
import type { Config } from '../config.js';
import { createNodeDeps } from '../node-deps.js';
import { fixedClock, type Clock } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import { demoDocumentText, demoExchangeTexts as texts } from './demo-exchange-texts.js';
import { createRandom, type Random } from './random.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The stations whose chiefs have demo log-ins, and the demo users who act for them and for their office. */
const PLAYERS = [
  { station: 'KL-101', officer: 'officer', chief: 'chief' },
  { station: 'KL-102', officer: 'officer2', chief: 'chief2' },
] as const;
const OFFICE = { clerk: 'clerk', judge: 'judge' } as const;
/** The demo's escort officer, of the escort unit of the stations' province. */
const ESCORT_OFFICER = 'escort';
/** Cases of the last two months, old enough to have been prepared and sent. */
const WINDOW = 60 * DAY;
/** At most this many of a station's latest cases are considered: a seed of a million cases plays no longer. */
const MAX_CASES_PER_STATION = 50;

/** What the demo's exchange did: each count is of steps that went through. */
export interface DemoExchangeResult {
  sent: number;
  registered: number;
  returned: number;
  rejected: number;
  supplemented: number;
  orders: number;
  escorts: number;
}

interface Deps {
  db: Db;
  blobs: BlobStore;
  exchange: Exchange;
}

/**
 * The node's dependencies on the demo's own clock: the receiver stamps what it accepts with its
 * exchange's clock, so the whole node — not just the use cases — must live at each act's time.
 */
async function demoNode(db: Db, config: Config, clock: Clock): Promise<Deps> {
  return createNodeDeps({ config, db, clock, log: createLogger('silent') });
}

/** One act of the story, at its time; `run` is skipped once an earlier act of the same case failed. */
interface Step {
  at: number;
  caseId: string;
  run: (clock: Clock) => Promise<unknown>;
}

async function actorsByUsername(db: Db, usernames: string[]): Promise<Map<string, Actor>> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'org_id', 'role', 'username'])
    .where('username', 'in', usernames)
    .execute();
  return new Map(rows.map((u) => [u.username, { userId: u.id, orgId: u.org_id, role: u.role as Role }]));
}

/** The person held now in each of these cases (the first running custody's) and since when, by case id. */
async function heldParties(
  db: Db,
  caseIds: string[],
): Promise<Map<string, { partyId: string; since: number }>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('custody_records')
    .select(['case_id', 'party_id', 'started_at'])
    .where('case_id', 'in', caseIds)
    .where('ended_at', 'is', null)
    .orderBy('started_at')
    .execute();
  const held = new Map<string, { partyId: string; since: number }>();
  for (const r of rows)
    if (!held.has(r.case_id)) held.set(r.case_id, { partyId: r.party_id, since: r.started_at.getTime() });
  return held;
}

/** Delivers whatever is due at the clock's time, as the node's worker would (local transport). */
async function deliverEverything(deps: Deps, clock: Clock): Promise<void> {
  const log = createLogger('silent');
  const transportFor = (node: string) => deps.exchange.transportFor(node);
  while ((await deliverDue({ db: deps.db, clock, log, transportFor })) > 0);
}

/** A text document in a case, through the documents use case (streamed, hashed, checked by content). */
function uploadText(
  deps: Deps,
  clock: Clock,
  actor: Actor,
  caseId: string,
  kind: 'complaint' | 'report' | 'evidence',
  text: string,
  afterSending = false,
) {
  const bytes = Buffer.from(text, 'utf8');
  return uploadDocument({
    db: deps.db,
    blobs: deps.blobs,
    clock,
    actor,
    caseId,
    maxBytes: 1024 * 1024,
    receive: async () => ({
      kind,
      fileName: `${texts.fileNames[kind]}.txt`,
      content: Readable.from([bytes]),
      wasTruncated: () => false,
    }),
    ...(afterSending ? { assertAcceptsUploads: () => undefined } : {}),
  });
}

const intakeIdOf = async (db: Db, caseId: string) =>
  (await db.selectFrom('intake_files').select('id').where('case_ref', '=', caseId).executeTakeFirstOrThrow())
    .id;

const orderIdOf = async (db: Db, intakeId: string) =>
  (
    await db
      .selectFrom('orders')
      .select('order_id')
      .where('intake_file_id', '=', intakeId)
      .where('side', '=', 'office')
      .executeTakeFirstOrThrow()
  ).order_id;

/**
 * The office's next file number, `1405-ک-00001` on: the office numbers its own files in the order it registers
 * them (the stations' case numbers repeat across stations, so they cannot serve). Steps run one at a time, in
 * time order, so the numbers are unique and the same for the same seed.
 */
async function nextOfficeFileNumber(db: Db, officeId: string): Promise<string> {
  const { n } = await db
    .selectFrom('intake_files')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', officeId)
    .where('file_number', 'is not', null)
    .executeTakeFirstOrThrow();
  return `1405-ک-${String(Number(n) + 1).padStart(5, '0')}`;
}

/**
 * Plans one case's story from `start`: documents, prepared, approved and sent; then — each only if its time
 * has come before `now` — registered, returned for completion (and mostly supplemented and registered
 * after), or rejected; a registered file often gets a judicial order that the station acknowledges, reports
 * on and the judge closes.
 */
function planCase(input: {
  deps: Deps;
  random: Random;
  now: number;
  caseRow: { id: string; origin: string; case_number: string; created_at: Date };
  actors: { officer: Actor; chief: Actor; clerk: Actor; judge: Actor };
  result: DemoExchangeResult;
}): { steps: Step[]; sentAt: number | null } {
  const { deps, random, now, caseRow, actors, result } = input;
  const steps: Step[] = [];
  let at = caseRow.created_at.getTime();
  const add = (after: number, run: (clock: Clock) => Promise<unknown>) => {
    at += after;
    if (at < now - 10 * MINUTE) steps.push({ at, caseId: caseRow.id, run });
  };
  const base = (clock: Clock, actor: Actor) => ({ db: deps.db, clock, ip: null, actor });
  const intake = async (clock: Clock, actor: Actor) => ({
    ...base(clock, actor),
    exchange: deps.exchange,
    intakeId: await intakeIdOf(deps.db, caseRow.id),
  });
  const register = async (clock: Clock) => {
    await registerIntake({
      ...(await intake(clock, actors.clerk)),
      body: {
        fileNumber: await nextOfficeFileNumber(deps.db, actors.clerk.orgId),
        branch: random.pick(texts.branches),
        assignedJudge: random.pick(texts.judges),
      },
    });
    result.registered++;
  };

  const kind = caseRow.origin === 'complaint' ? 'complaint' : 'report';
  add(random.int(15, 40) * MINUTE, (clock) =>
    uploadText(deps, clock, actors.officer, caseRow.id, kind, demoDocumentText(kind, caseRow.case_number)),
  );
  add(random.int(30, 240) * MINUTE, (clock) =>
    prepareSubmission({ ...base(clock, actors.officer), caseId: caseRow.id }),
  );
  add(random.int(20, 180) * MINUTE, async (clock) => {
    await approveSubmission({ ...base(clock, actors.chief), caseId: caseRow.id, exchange: deps.exchange });
    result.sent++;
  });
  const sentAt = at < now - 10 * MINUTE ? at : null;
  const outcome = random.next();
  add(random.int(1, 30) * HOUR, async (clock) => {
    if (outcome < 0.62) return register(clock);
    if (outcome < 0.85) {
      await returnIntake({
        ...(await intake(clock, actors.clerk)),
        body: { deficiencies: [random.pick(texts.deficiencies)] },
      });
      result.returned++;
      return;
    }
    await rejectIntake({
      ...(await intake(clock, actors.clerk)),
      body: { reasons: [random.pick(texts.rejections)] },
    });
    result.rejected++;
  });
  if (outcome >= 0.62 && outcome < 0.85) {
    if (!random.chance(0.7)) return { steps, sentAt };
    add(random.int(2, 30) * HOUR, async (clock) => {
      const document = await uploadText(
        deps,
        clock,
        actors.officer,
        caseRow.id,
        'evidence',
        texts.supplementDocument,
        true,
      );
      await supplementCase({
        ...base(clock, actors.officer),
        caseId: caseRow.id,
        exchange: deps.exchange,
        body: {
          note: random.pick(texts.supplementNotes),
          answers: null,
          parties: [],
          documentIds: [document.id],
        },
      });
      result.supplemented++;
    });
    add(random.int(2, 20) * HOUR, register);
  }
  if (outcome < 0.85 && random.chance(0.5)) {
    const deadline = random.int(3, 10) * DAY;
    add(random.int(1, 48) * HOUR, async (clock) => {
      await issueOrder({
        ...(await intake(clock, actors.judge)),
        body: {
          kind: random.pick(texts.orderKinds),
          text: random.pick(texts.orders),
          deadlineAt: new Date(clock.now().getTime() + deadline).toISOString(),
        },
      });
      result.orders++;
    });
    const order = async (clock: Clock, actor: Actor) => ({
      ...base(clock, actor),
      exchange: deps.exchange,
      orderId: await orderIdOf(deps.db, await intakeIdOf(deps.db, caseRow.id)),
    });
    if (random.chance(0.85))
      add(random.int(30, 12 * 60) * MINUTE, async (clock) =>
        acknowledgeOrder(await order(clock, actors.officer)),
      );
    if (random.chance(0.7)) {
      add(random.int(1, 4) * DAY, async (clock) =>
        reportOrder({
          ...(await order(clock, actors.officer)),
          body: { report: random.pick(texts.reports), documentIds: [] },
        }),
      );
      if (random.chance(0.7))
        add(random.int(12, 48) * HOUR, async (clock) =>
          closeOrder({
            ...(await order(clock, actors.judge)),
            body: { outcome: random.chance(0.85) ? 'closed' : 'more_requested', note: '' },
          }),
        );
    }
  }
  return { steps, sentAt };
}

/**
 * Plans the escort of a person held in a sent case's custody to the prosecutor's office: asked for soon after
 * the sending for a time before the custody's 24 hours run out, assigned, picked up at its time and
 * delivered — each only if its time has come before `now`, so that the escort unit has work in every state.
 */
function planEscort(input: {
  deps: Deps;
  random: Random;
  now: number;
  caseId: string;
  custody: { partyId: string; since: number };
  sentAt: number;
  actors: { officer: Actor; escort: Actor };
  result: DemoExchangeResult;
}): Step[] {
  const { deps, random, now, caseId, actors, result } = input;
  const steps: Step[] = [];
  const base = (clock: Clock, actor: Actor) => ({
    db: deps.db,
    clock,
    ip: null,
    actor,
    exchange: deps.exchange,
  });
  const at = (time: number, run: (clock: Clock) => Promise<unknown>) => {
    if (time < now - 5 * MINUTE) steps.push({ at: time, caseId, run });
  };
  const requestedAt = input.sentAt + random.int(20, 90) * MINUTE;
  // Before the custody's 24 hours run out, and at least an hour after the request.
  const latest = input.custody.since + 22 * HOUR;
  const scheduledAt = Math.max(requestedAt + HOUR, Math.min(requestedAt + random.int(2, 14) * HOUR, latest));
  const escortIdOf = async () =>
    (
      await deps.db
        .selectFrom('escorts')
        .select('escort_id')
        .where('case_id', '=', caseId)
        .where('side', '=', 'station')
        .executeTakeFirstOrThrow()
    ).escort_id;
  at(requestedAt, async (clock) => {
    await requestEscort({
      ...base(clock, actors.officer),
      caseId,
      body: {
        partyId: input.custody.partyId,
        destination: 'prosecutor_office',
        place: texts.escortPlace,
        scheduledAt: new Date(scheduledAt).toISOString(),
        reason: random.pick(texts.escortReasons),
      },
    });
    result.escorts++;
  });
  at(requestedAt + random.int(15, 60) * MINUTE, async (clock) =>
    assignEscort({
      ...base(clock, actors.escort),
      escortId: await escortIdOf(),
      body: { officers: random.pick(texts.escortOfficers), vehicle: random.pick(texts.escortVehicles) },
    }),
  );
  at(scheduledAt + random.int(0, 20) * MINUTE, async (clock) =>
    handOverEscort({
      ...base(clock, actors.escort),
      escortId: await escortIdOf(),
      body: { stage: 'picked_up', counterpart: random.pick(texts.stationOfficers) },
    }),
  );
  at(scheduledAt + random.int(40, 90) * MINUTE, async (clock) =>
    handOverEscort({
      ...base(clock, actors.escort),
      escortId: await escortIdOf(),
      body: { stage: 'delivered', counterpart: random.pick(texts.officeClerks) },
    }),
  );
  return steps;
}

/**
 * Plays the exchange for part of the demo: about seven in ten of the last two months' cases of the stations whose
 * chiefs have demo log-ins go through the real use cases at their own times — documents, preparing, the
 * chief's approval, signed messages delivered by the delivery worker's code with receipts and evidence, the
 * office's decisions, supplements and judicial orders, and the escorts of the people held. The acts of all cases run in time order on a clock
 * set to each act's time, so that queues, clocks, overdue orders and figures look like a working month.
 * A case the readiness check refuses is left as a draft. Deterministic for a seed.
 */
export async function playDemoExchange(input: {
  db: Db;
  config: Config;
  now: Date;
  seed: number;
}): Promise<DemoExchangeResult> {
  const { db } = input;
  const clock = fixedClock(input.now);
  const deps = await demoNode(db, input.config, clock);
  const random = createRandom(input.seed ^ 0x5eed);
  const now = input.now.getTime();
  const actors = await actorsByUsername(db, [
    ...PLAYERS.flatMap((p) => [p.officer, p.chief]),
    OFFICE.clerk,
    OFFICE.judge,
    ESCORT_OFFICER,
  ]);
  const result: DemoExchangeResult = {
    sent: 0,
    registered: 0,
    returned: 0,
    rejected: 0,
    supplemented: 0,
    orders: 0,
    escorts: 0,
  };
  const clerk = actors.get(OFFICE.clerk);
  const judge = actors.get(OFFICE.judge);
  const escort = actors.get(ESCORT_OFFICER);
  if (!clerk || !judge) return result;
  const steps: Step[] = [];
  for (const player of PLAYERS) {
    const officer = actors.get(player.officer);
    const chief = actors.get(player.chief);
    if (!officer || !chief) continue;
    const latest = await db
      .selectFrom('cases')
      .select(['id', 'origin', 'case_number', 'created_at'])
      .where('org_id', '=', officer.orgId)
      .where('status', '=', 'draft')
      .where('created_at', '>', new Date(now - WINDOW))
      .where('created_at', '<', new Date(now - 8 * HOUR))
      .orderBy('created_at', 'desc')
      .limit(MAX_CASES_PER_STATION)
      .execute();
    const cases = latest.reverse();
    const held = await heldParties(
      db,
      cases.map((c) => c.id),
    );
    for (const caseRow of cases) {
      if (!random.chance(0.7)) continue;
      const planned = planCase({
        deps,
        random,
        now,
        caseRow,
        actors: { officer, chief, clerk, judge },
        result,
      });
      steps.push(...planned.steps);
      const custody = held.get(caseRow.id);
      if (escort && custody && planned.sentAt !== null)
        steps.push(
          ...planEscort({
            deps,
            random,
            now,
            caseId: caseRow.id,
            custody,
            sentAt: planned.sentAt,
            actors: { officer, escort },
            result,
          }),
        );
    }
  }
  steps.sort((a, b) => a.at - b.at);
  const failed = new Set<string>();
  for (const step of steps) {
    if (failed.has(step.caseId)) continue;
    clock.set(new Date(step.at));
    try {
      await step.run(clock);
    } catch (error) {
      // A draft the readiness check refuses stays a draft; anything else is a bug in the demo.
      if (!(error instanceof AppError && error.code === 'cases.not_ready')) throw error;
      failed.add(step.caseId);
    }
    await deliverEverything(deps, clock);
  }
  return result;
}
