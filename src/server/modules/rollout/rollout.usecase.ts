import { AppError } from '../../../domain/errors.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import { PlanError, planRollout, type RolloutPlan } from '../../../domain/rollout/planner.js';
import {
  isWaveLate,
  rolloutStateOf,
  rolloutSteps,
  type RolloutStep,
} from '../../../domain/rollout/rollout-state.js';
import type {
  AdoptPlanRequest,
  PlanAnswer,
  PlanRequest,
  RolloutDashboard,
} from '../../../domain/rollout/rollout.schema.js';
import type { RegisterUnit } from '../../../domain/rollout/units.schema.js';
import type { Db, Tx } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit, type AuditEntry } from '../audit/index.js';
import { listRolloutUnits, replacePlan, updateRolloutUnit, updateWaveDue } from './rollout.repository.js';
import { listUnits } from './units.repository.js';
import { withOwnFilesFigures } from './units.usecase.js';

interface RolloutInput {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip?: string | null;
}

const DAY = 86_400_000;

function audit(tx: Tx, input: RolloutInput, entry: Pick<AuditEntry, 'action' | 'resourceId' | 'details'>) {
  return recordAudit(tx, {
    ...entry,
    actorUserId: input.actor.userId,
    actorOrgId: input.actor.orgId,
    resourceType: 'rollout',
    orgId: input.actor.orgId,
    ip: input.ip ?? null,
    at: input.clock.now(),
  });
}

/** Runs the planner, turning its refusals into the API's errors naming the field at fault. */
export function planOrRefuse(
  units: readonly RegisterUnit[],
  request: PlanRequest,
): RolloutPlan<RegisterUnit> {
  if (units.length === 0) throw new AppError('rollout.no_units');
  try {
    return planRollout(units, request);
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    const codes = new Set(units.map((u) => u.code));
    const path =
      error.code === 'rollout.unknown_unit'
        ? (request.include ?? []).some((c) => !codes.has(c))
          ? 'include'
          : 'exclude'
        : error.code === 'rollout.invalid_target' && request.target > 0 && request.target <= 1
          ? 'visitsWeight'
          : 'target';
    throw new AppError(error.code, { issues: [{ path, code: error.code, message: error.message }] });
  }
}

/** A plan as the API answers it. */
export function presentPlan(plan: RolloutPlan<RegisterUnit>): PlanAnswer {
  return {
    totalUnits: plan.totalUnits,
    chosenCount: plan.chosen.length,
    theftShare: plan.theftShare,
    visitShare: plan.visitShare,
    criterionShare: plan.criterionShare,
    waves: plan.waves,
    chosen: plan.chosen.map((c) => ({
      wave: c.wave,
      rank: c.rank,
      code: c.unit.code,
      nameFa: c.unit.nameFa,
      province: c.unit.province,
      county: c.unit.county,
      kind: c.unit.kind,
      thefts: c.unit.thefts,
      visits: c.unit.visits,
      cumulativeTheftShare: c.cumulativeTheftShare,
    })),
    curve: plan.curve,
    byProvince: plan.byProvince,
  };
}

/** Plans from the register on this node (nothing is changed; the planning is audited with its parameters). */
export async function planFromRegister(
  input: RolloutInput & { request: PlanRequest; nodeId: string },
): Promise<PlanAnswer> {
  assertCan(input.actor, 'rollout.read');
  return inTransaction(input.db, async (tx) => {
    const plan = planOrRefuse(await unitsForPlan(tx, input, input.request), input.request);
    await audit(tx, input, {
      action: 'rollout.planned',
      resourceId: null,
      details: {
        target: input.request.target,
        chosen: plan.chosen.length,
        figures: input.request.figures ?? 'register',
      },
    });
    return presentPlan(plan);
  });
}

/**
 * The register's units as the plan weighs them: their thefts and visits as the register holds them (imported,
 * or last updated from casebridge), or — `figures: 'files'` — for the units on this node, what their own files
 * of the last year say (thefts, and complaints as visits), read without changing the register.
 */
async function unitsForPlan(
  tx: Tx,
  input: { clock: Clock; nodeId: string },
  request: PlanRequest,
): Promise<RegisterUnit[]> {
  const units = await listUnits(tx);
  return request.figures === 'files'
    ? withOwnFilesFigures(tx, input.nodeId, input.clock.now(), units)
    : units;
}

/**
 * Makes a plan the rollout's: its units into their waves (a unit kept from the last plan keeps the dates set
 * by hand), each wave due `daysBetweenWaves` after the one before it, the first at `firstDueAt`.
 */
export async function adoptPlan(
  input: RolloutInput & { request: AdoptPlanRequest; nodeId: string },
): Promise<RolloutDashboard> {
  assertCan(input.actor, 'rollout.manage');
  const { firstDueAt, daysBetweenWaves, ...request } = input.request;
  await inTransaction(input.db, async (tx) => {
    const plan = planOrRefuse(await unitsForPlan(tx, input, request), request);
    const first = firstDueAt ? Date.parse(firstDueAt) : null;
    const waves = Array.from({ length: plan.waves }, (_, i) => ({
      wave: i + 1,
      dueAt: first === null ? null : new Date(first + i * (daysBetweenWaves ?? 30) * DAY),
    }));
    await replacePlan(tx, {
      units: plan.chosen.map((c) => ({ code: c.unit.code, wave: c.wave, rank: c.rank })),
      waves,
      at: input.clock.now(),
    });
    await audit(tx, input, {
      action: 'rollout.adopted',
      resourceId: null,
      details: { target: request.target, chosen: plan.chosen.length, waves: plan.waves },
    });
  });
  return getRolloutDashboard(input);
}

const zeroes = (): Record<RolloutStep, number> =>
  Object.fromEntries(rolloutSteps.map((s) => [s, 0])) as Record<RolloutStep, number>;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The rollout dashboard (issue 21, point 3): every unit of the adopted plan with its step and dates (set by hand
 * where the data cannot show them), units per step by wave and by province, late waves marked.
 */
export async function getRolloutDashboard(input: RolloutInput): Promise<RolloutDashboard> {
  assertCan(input.actor, 'rollout.read');
  const now = input.clock.now();
  return inTransaction(input.db, async (tx) => {
    const rows = await listRolloutUnits(tx);
    const registerUnits = (await listUnits(tx)).length;
    const units = rows.map((r) => {
      const dates = {
        nodeReady: r.node_ready_at ?? r.data_node_ready_at,
        usersCreated: r.users_created_at ?? r.data_users_created_at,
        firstSent: r.first_sent_at ?? r.data_first_sent_at,
        live: r.live_at,
      };
      return { row: r, dates, state: rolloutStateOf(dates) };
    });
    const totals = zeroes();
    const waves = new Map<
      number,
      { dueAt: Date | null; byState: Record<RolloutStep, number>; states: RolloutStep[] }
    >();
    const provinces = new Map<string, Record<RolloutStep, number>>();
    for (const { row, state } of units) {
      totals[state] += 1;
      const wave = waves.get(row.wave) ?? { dueAt: row.due_at, byState: zeroes(), states: [] };
      wave.byState[state] += 1;
      wave.states.push(state);
      waves.set(row.wave, wave);
      const province = provinces.get(row.province_code) ?? zeroes();
      province[state] += 1;
      provinces.set(row.province_code, province);
    }
    await audit(tx, input, { action: 'rollout.viewed', resourceId: null, details: {} });
    return {
      registerUnits,
      totals,
      waves: [...waves].map(([wave, w]) => ({
        wave,
        dueAt: iso(w.dueAt),
        units: w.states.length,
        late: isWaveLate(w.dueAt, w.states, now),
        byState: w.byState,
      })),
      byProvince: [...provinces]
        .map(([province, byState]) => ({
          province,
          units: Object.values(byState).reduce((a, b) => a + b, 0),
          byState,
        }))
        .sort((a, b) => b.units - a.units || (a.province < b.province ? -1 : 1)),
      units: units.map(({ row, dates, state }) => ({
        code: row.code,
        nameFa: row.name_fa,
        province: row.province_code,
        county: row.county,
        wave: row.wave,
        rank: row.rank,
        state,
        onCasebridge: row.org_id !== null,
        dates: {
          nodeReady: iso(dates.nodeReady),
          usersCreated: iso(dates.usersCreated),
          firstSent: iso(dates.firstSent),
          live: iso(dates.live),
        },
      })),
    };
  });
}

const stepColumn = {
  node_ready: 'nodeReadyAt',
  users_created: 'usersCreatedAt',
  first_sent: 'firstSentAt',
  live: 'liveAt',
} as const;

/** Sets (or clears, `at` null) a step of a unit by hand: a step the data cannot show, such as going live. */
export async function setRolloutStep(
  input: RolloutInput & { code: string; step: keyof typeof stepColumn; at: string | null },
): Promise<void> {
  assertCan(input.actor, 'rollout.manage');
  await inTransaction(input.db, async (tx) => {
    const at = input.at === null ? null : new Date(input.at);
    const found = await updateRolloutUnit(
      tx,
      input.code,
      { [stepColumn[input.step]]: at },
      input.clock.now(),
    );
    if (!found) throw new AppError('units.not_found');
    await audit(tx, input, {
      action: 'rollout.unit_updated',
      resourceId: input.code,
      details: { step: input.step, at: input.at },
    });
  });
}

/** Sets (or clears) a wave's due date. */
export async function setWaveDue(
  input: RolloutInput & { wave: number; dueAt: string | null },
): Promise<void> {
  assertCan(input.actor, 'rollout.manage');
  await inTransaction(input.db, async (tx) => {
    const found = await updateWaveDue(tx, input.wave, input.dueAt === null ? null : new Date(input.dueAt));
    if (!found) throw new AppError('units.not_found');
    await audit(tx, input, {
      action: 'rollout.wave_updated',
      resourceId: String(input.wave),
      details: { dueAt: input.dueAt },
    });
  });
}
