import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { useTestDatabase } from '../../../test/db.js';
import {
  deliverAll,
  makeCaseDocument,
  makeOrganisation,
  makeReadyCase,
  makeStationUser,
  makeUser,
  TEST_NODE_ID,
} from '../../../test/factories.js';
import { caseActions, caseSteps } from '../../domain/cases/case-actions.js';
import { caseStatuses } from '../../domain/submission/case-status.js';
import { AppError, type ErrorCode } from '../../domain/errors.js';
import { escortActions, escortSteps, type EscortState } from '../../domain/escorts/escort-actions.js';
import { escortStatuses } from '../../domain/escorts/escort-kinds.js';
import { intakeActions, intakeSteps } from '../../domain/intake/intake-actions.js';
import { intakeStatuses } from '../../domain/intake/intake.schema.js';
import type { ItemState, ItemStep } from '../../domain/item-steps.js';
import { orderActions, orderSteps, type OrderState } from '../../domain/orders/order-actions.js';
import { orderStatuses } from '../../domain/orders/orders.schema.js';
import { can, permissions, type Actor } from '../../domain/permissions.js';
import { roles } from '../../domain/roles.js';
import { fixedClock } from '../platform/clock.js';
import { endCustody } from './cases/custody.usecase.js';
import { classifyDocument, removeDocument } from './documents/document-changes.usecase.js';
import { getCase } from './cases/get-case.usecase.js';
import { findEscortList } from './escorts/find-escorts.usecase.js';
import { getIntakeFile } from './intake/get-intake-file.usecase.js';
import { findOrderList } from './orders/find-orders.usecase.js';
import { updateCase } from './cases/update-case.usecase.js';
import { assignEscort, cancelEscort, handOverEscort } from './escorts/escort-steps.usecase.js';
import { insertEscort } from './escorts/escorts.repository.js';
import { requestEscort } from './escorts/request-escort.usecase.js';
import { recordPaperTransmission } from './rollout/speed.usecase.js';
import { registerIntake, rejectIntake, returnIntake } from './intake/intake-decisions.usecase.js';
import { issueOrder } from './orders/issue-order.usecase.js';
import { acknowledgeOrder, closeOrder, reportOrder } from './orders/order-steps.usecase.js';
import { insertOrder } from './orders/orders.repository.js';
import { approveSubmission } from './submission/approve-submission.usecase.js';
import { prepareSubmission, withdrawSubmission } from './submission/prepare-submission.usecase.js';
import { supplementCase } from './submission/supplement-case.usecase.js';

/**
 * The `allowed` flags walked against the use cases: for every role, in the item's organisation and in
 * another, and every state of a case, an order, an escort and an intake file, each step is tried through
 * its real use case on a real database. A flag that says yes must see the use case succeed; a flag that
 * says no must see it refuse with the matrix's code — *not found* out of scope, `auth.forbidden` for a
 * role the matrix leaves out, else the step's state refusal. One database; each item is put back into the
 * state under test before each try, so a few items serve the whole walk.
 */

const { db } = await useTestDatabase();
const clock = fixedClock('2026-03-21T06:30:00Z');
const { exchange, blobs } = await useTestApp(db, { clock });
const inHours = (h: number) => new Date(clock.now().getTime() + h * 3_600_000).toISOString();

type Outcome = 'ok' | ErrorCode;

/** What a try of a use case came to: done, or the code it refused with. */
async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

/** What the flag promises: done when allowed; otherwise the refusal the matrix, then the state, gives. */
function promised<I extends ItemState>(
  flag: boolean,
  actor: Actor,
  step: ItemStep<I>,
  item: I,
  notFound: ErrorCode,
): Outcome {
  if (flag) return 'ok';
  if (permissions[step.action].scope === 'own' && actor.orgId !== item.orgId) return notFound;
  if (!can(actor, step.action)) return 'auth.forbidden';
  return step.refusal;
}

/** One cell of the walk that went wrong: who, on what, which step, what was promised and what happened. */
interface Mismatch {
  role: string;
  where: 'own' | 'other';
  state: string;
  step: string;
  promised: Outcome;
  got: Outcome;
}

/** The walk over one kind of item: each actor × state × step, the item reset to the state before each try. */
async function walk<I extends ItemState, K extends string>(input: {
  steps: Record<K, ItemStep<I>>;
  flags: (actor: Actor, item: I) => Record<K, boolean>;
  states: I[];
  notFound: ErrorCode;
  actors: (item: I) => { actor: Actor; where: 'own' | 'other' }[];
  reset: (item: I) => Promise<void>;
  attempt: (step: K, actor: Actor, item: I) => Promise<unknown>;
}): Promise<{ mismatches: Mismatch[]; allowedSeen: number }> {
  const mismatches: Mismatch[] = [];
  let allowedSeen = 0;
  for (const item of input.states) {
    for (const { actor, where } of input.actors(item)) {
      const flags = input.flags(actor, item);
      for (const key of Object.keys(input.steps) as K[]) {
        const expected = promised(flags[key], actor, input.steps[key], item, input.notFound);
        if (expected === 'ok') allowedSeen++;
        await input.reset(item);
        const got = await outcomeOf(() => input.attempt(key, actor, item));
        if (got !== expected)
          mismatches.push({
            role: actor.role,
            where,
            state: JSON.stringify(item),
            step: key,
            promised: expected,
            got,
          });
      }
    }
  }
  return { mismatches, allowedSeen };
}

describe('the allowed flags against the use cases', { timeout: 600_000 }, () => {
  let station: Awaited<ReturnType<typeof makeStationUser>>;
  let unit: { id: string; code: string };
  let other: { id: string };
  /** One user per role in each organisation: the station, its office, its escort unit, and another station. */
  const actorsIn = new Map<string, Actor[]>();
  let caseId: string;
  let custodyId: string;
  let accusedId: string;
  let intakeId: string;

  /** Every role in the item's organisation, and every role in an organisation that is not the item's. */
  const actorsFor = (item: ItemState) => [
    ...(actorsIn.get(item.orgId) ?? []).map((actor) => ({ actor, where: 'own' as const })),
    ...(actorsIn.get(other.id) ?? []).map((actor) => ({ actor, where: 'other' as const })),
  ];
  const base = (actor: Actor) => ({ db, clock, actor, ip: null });

  beforeAll(async () => {
    station = await makeStationUser(db, 'station.chief');
    unit = await makeOrganisation(db, { kind: 'escort_unit' });
    other = await makeOrganisation(db, { kind: 'station' });
    for (const org of [station.station.id, station.office.id, unit.id, other.id]) {
      const actors: Actor[] = [];
      for (const role of roles) actors.push({ userId: (await makeUser(db, org, role)).id, orgId: org, role });
      actorsIn.set(org, actors);
    }
    // A case sent for real (its submission on record, its intake file at the office), with a running custody.
    const ready = await makeReadyCase({ db, blobs, clock }, station.actor, {
      custodySince: new Date(clock.now().getTime() - 3_600_000),
    });
    caseId = ready.id;
    await prepareSubmission({ ...base(station.actor), caseId });
    await approveSubmission({ ...base(station.actor), caseId, exchange });
    await deliverAll({ db, clock, exchange });
    const custody = await db
      .selectFrom('custody_records')
      .select(['id', 'party_id'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    custodyId = custody.id;
    accusedId = custody.party_id;
    const file = await db
      .selectFrom('intake_files')
      .select('id')
      .where('case_ref', '=', caseId)
      .executeTakeFirstOrThrow();
    intakeId = file.id;
  });

  it('a case: each step allowed is taken, each refused is refused with the matrix\u2019s code', async () => {
    const { mismatches, allowedSeen } = await walk({
      steps: caseSteps,
      flags: caseActions,
      states: caseStatuses.map((status) => ({ orgId: station.station.id, status })),
      notFound: 'cases.not_found',
      actors: actorsFor,
      reset: async (item) => {
        await db.updateTable('cases').set({ status: item.status }).where('id', '=', caseId).execute();
        await db
          .updateTable('custody_records')
          .set({ ended_at: null, end_reason: null, end_note: null })
          .where('id', '=', custodyId)
          .execute();
      },
      attempt: async (step, actor) => {
        const on = { ...base(actor), caseId };
        switch (step) {
          case 'update':
            return updateCase({ ...on, body: { narrative: 'شرح دوباره' } });
          case 'uploadDocument':
            return makeCaseDocument({ db, blobs, clock }, actor, caseId);
          case 'classifyDocument':
            return classifyDocument({ ...on, documentId: await spareDocument(), body: { kind: 'report' } });
          case 'removeDocument':
            return removeDocument({ ...on, documentId: await spareDocument() });
          case 'endCustody':
            return endCustody({
              ...on,
              custodyId,
              body: { endedAt: clock.now().toISOString(), endReason: 'released' },
            });
          case 'prepareSubmission':
            return prepareSubmission(on);
          case 'approveSubmission':
            return approveOnce(on);
          case 'withdrawSubmission':
            return withdrawSubmission(on);
          case 'supplement':
            return supplementCase({ ...on, exchange, body: { note: 'تکمیل', parties: [], documentIds: [] } });
          case 'recordPaper':
            return recordPaperTransmission({
              ...on,
              body: { sentAt: clock.now().toISOString(), files: 1, caseId },
            });
          case 'requestEscort':
            return requestEscort({
              ...on,
              exchange,
              body: {
                partyId: accusedId,
                destination: 'prosecutor_office',
                place: 'دادسرا',
                scheduledAt: inHours(2),
                reason: 'معرفی',
              },
            });
        }
      },
    });
    expect(mismatches).toEqual([]);
    expect(allowedSeen).toBeGreaterThan(0);
  });

  /** A document of the walked case to re-classify or remove: a copy of its first, written straight in. */
  async function spareDocument(): Promise<string> {
    const first = await db
      .selectFrom('case_documents')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('uploaded_at')
      .executeTakeFirstOrThrow();
    const id = crypto.randomUUID();
    await db
      .insertInto('case_documents')
      .values({ ...first, id })
      .execute();
    return id;
  }

  /**
   * Approving sends the case, and a case is sent once (its submission is on record): the one try that
   * should succeed approves a fresh case prepared for it, every other try is made on the walked case.
   */
  async function approveOnce(on: ReturnType<typeof base> & { caseId: string }) {
    const row = await db
      .selectFrom('cases')
      .select('status')
      .where('id', '=', on.caseId)
      .executeTakeFirstOrThrow();
    const fresh =
      row.status === 'awaiting_approval' &&
      caseActions(on.actor, { orgId: station.station.id, status: row.status }).approveSubmission;
    if (!fresh) return approveSubmission({ ...on, exchange });
    const ready = await makeReadyCase({ db, blobs, clock }, station.actor);
    await prepareSubmission({ ...base(station.actor), caseId: ready.id });
    return approveSubmission({ ...on, caseId: ready.id, exchange });
  }

  it('an order, on either side: each step allowed is taken, each refused is refused with the matrix\u2019s code', async () => {
    const sides = {
      station: { orgId: station.station.id, peer: station.office.code, orderId: crypto.randomUUID() },
      office: { orgId: station.office.id, peer: station.station.code, orderId: crypto.randomUUID() },
    };
    for (const [side, s] of Object.entries(sides) as [OrderState['side'], (typeof sides)['station']][]) {
      await db.transaction().execute((tx) =>
        insertOrder(tx, {
          org_id: s.orgId,
          order_id: s.orderId,
          side,
          case_ref: caseId,
          case_id: side === 'station' ? caseId : null,
          intake_file_id: side === 'office' ? intakeId : null,
          peer_node: TEST_NODE_ID,
          peer_org: s.peer,
          kind: 'investigation',
          text: 'تحقیق',
          deadline_at: new Date(inHours(48)),
          issued_by: 'بازپرس',
          issued_at: clock.now(),
          status: 'open',
          updated_at: clock.now(),
        }),
      );
    }
    const orderIdOf = (item: OrderState) => sides[item.side].orderId;
    const { mismatches, allowedSeen } = await walk({
      steps: orderSteps,
      flags: orderActions,
      states: (['station', 'office'] as const).flatMap((side) =>
        orderStatuses.map((status) => ({ orgId: sides[side].orgId, side, status })),
      ),
      notFound: 'orders.not_found',
      actors: actorsFor,
      reset: async (item) => {
        await db
          .updateTable('orders')
          .set({ status: item.status })
          .where('org_id', '=', item.orgId)
          .where('order_id', '=', orderIdOf(item))
          .execute();
      },
      attempt: async (step, actor, item) => {
        const on = { ...base(actor), exchange, orderId: orderIdOf(item) };
        switch (step) {
          case 'acknowledge':
            return acknowledgeOrder(on);
          case 'report':
            return reportOrder({ ...on, body: { report: 'انجام شد', documentIds: [] } });
          case 'close':
            return closeOrder({ ...on, body: { outcome: 'closed', note: '' } });
          case 'requestMore':
            return closeOrder({ ...on, body: { outcome: 'more_requested', note: '' } });
        }
      },
    });
    expect(mismatches).toEqual([]);
    expect(allowedSeen).toBeGreaterThan(0);
  });

  it('an escort, on either side: each step allowed is taken, each refused is refused with the matrix\u2019s code', async () => {
    const sides = {
      station: { orgId: station.station.id, peer: unit.code, escortId: crypto.randomUUID() },
      escort_unit: { orgId: unit.id, peer: station.station.code, escortId: crypto.randomUUID() },
    };
    for (const [side, s] of Object.entries(sides) as [EscortState['side'], (typeof sides)['station']][]) {
      await db.transaction().execute((tx) =>
        insertEscort(tx, {
          org_id: s.orgId,
          escort_id: s.escortId,
          side,
          case_ref: caseId,
          case_number: '1405/000001',
          case_id: side === 'station' ? caseId : null,
          peer_node: TEST_NODE_ID,
          peer_org: s.peer,
          person: JSON.stringify({
            firstName: 'علی',
            lastName: 'رضایی',
            fatherName: null,
            nationalId: null,
            passportNumber: null,
          }),
          destination: 'prosecutor_office',
          place: 'دادسرا',
          scheduled_at: new Date(inHours(2)),
          reason: 'معرفی',
          requested_by: 'ستوان',
          requested_at: clock.now(),
          status: 'requested',
          updated_at: clock.now(),
        }),
      );
    }
    const escortIdOf = (item: EscortState) => sides[item.side].escortId;
    const { mismatches, allowedSeen } = await walk({
      steps: escortSteps,
      flags: escortActions,
      states: (['station', 'escort_unit'] as const).flatMap((side) =>
        escortStatuses.map((status) => ({ orgId: sides[side].orgId, side, status })),
      ),
      notFound: 'escorts.not_found',
      actors: actorsFor,
      reset: async (item) => {
        await db
          .updateTable('escorts')
          .set({ status: item.status })
          .where('org_id', '=', item.orgId)
          .where('escort_id', '=', escortIdOf(item))
          .execute();
      },
      attempt: async (step, actor, item) => {
        const on = { ...base(actor), exchange, escortId: escortIdOf(item) };
        switch (step) {
          case 'assign':
            return assignEscort({ ...on, body: { officers: 'ستوان کریمی' } });
          case 'pickUp':
            return handOverEscort({ ...on, body: { stage: 'picked_up', counterpart: 'افسر نگهبان' } });
          case 'deliver':
            return handOverEscort({ ...on, body: { stage: 'delivered', counterpart: 'مدیر دفتر' } });
          case 'cancel':
            return cancelEscort({ ...on, body: { reason: 'لغو' } });
        }
      },
    });
    expect(mismatches).toEqual([]);
    expect(allowedSeen).toBeGreaterThan(0);
  });

  it('an intake file: each step allowed is taken, each refused is refused with the matrix\u2019s code', async () => {
    let fileNumbers = 0;
    const { mismatches, allowedSeen } = await walk({
      steps: intakeSteps,
      flags: intakeActions,
      states: intakeStatuses.map((status) => ({ orgId: station.office.id, status })),
      notFound: 'intake.not_found',
      actors: actorsFor,
      reset: async (item) => {
        await db
          .updateTable('intake_files')
          .set({ status: item.status as (typeof intakeStatuses)[number] })
          .where('id', '=', intakeId)
          .execute();
      },
      attempt: async (step, actor) => {
        const on = { ...base(actor), exchange, intakeId };
        switch (step) {
          case 'register':
            return registerIntake({
              ...on,
              body: { fileNumber: `M-${++fileNumbers}`, branch: 'شعبه ۱', assignedJudge: 'بازپرس' },
            });
          case 'return':
            return returnIntake({
              ...on,
              body: { deficiencies: [{ code: 'deficiency.party_identity', text: '' }] },
            });
          case 'reject':
            return rejectIntake({ ...on, body: { reasons: [{ code: 'rejection.duplicate', text: '' }] } });
          case 'issueOrder':
            return issueOrder({
              ...on,
              body: { kind: 'investigation', text: 'تحقیق', deadlineAt: inHours(48) },
            });
        }
      },
    });
    expect(mismatches).toEqual([]);
    expect(allowedSeen).toBeGreaterThan(0);
  });

  it('hands each reader the flags of its role on the reads of each item', async () => {
    const readers = (orgId: string) => actorsIn.get(orgId) ?? [];
    for (const actor of readers(station.station.id).filter((a) => can(a, 'case.read'))) {
      const read = await getCase({ ...base(actor), caseId });
      expect(read.allowed).toEqual(caseActions(actor, { orgId: station.station.id, status: read.status }));
    }
    for (const orgId of [station.station.id, station.office.id]) {
      for (const actor of readers(orgId).filter((a) => can(a, 'order.read'))) {
        const { items } = await findOrderList({ ...base(actor), query: { pageSize: 50 } });
        expect(items.length).toBeGreaterThan(0);
        for (const o of items)
          expect(o.allowed).toEqual(orderActions(actor, { orgId, side: o.side, status: o.status }));
      }
    }
    for (const orgId of [station.station.id, unit.id]) {
      for (const actor of readers(orgId).filter((a) => can(a, 'escort.read'))) {
        const items = await findEscortList(base(actor));
        expect(items.length).toBeGreaterThan(0);
        for (const e of items)
          expect(e.allowed).toEqual(escortActions(actor, { orgId, side: e.side, status: e.status }));
      }
    }
    for (const actor of readers(station.office.id).filter((a) => can(a, 'intake.read'))) {
      const file = await getIntakeFile({ ...base(actor), intakeId });
      expect(file.allowed).toEqual(intakeActions(actor, { orgId: station.office.id, status: file.status }));
    }
  });
});
