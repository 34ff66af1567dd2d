import { z } from 'zod';
import { code, line } from '../text.js';
import { rolloutSteps } from './rollout-state.js';

const share = z.number();
const count = z.int().nonnegative();

/**
 * POST /api/rollout/plan — what the planner is asked (issue 21, point 2). The target is checked by the planner
 * (in (0, 1]) so that a bad one answers `rollout.invalid_target` naming the field.
 */
export const planRequestSchema = z.strictObject({
  target: z.number(),
  visitsWeight: z.number().optional(),
  perProvince: z.int().min(0).max(1000).optional(),
  waveSize: z.int().min(1).max(10_000).optional(),
  include: z.array(code(40)).max(10_000).optional(),
  exclude: z.array(code(40)).max(10_000).optional(),
  /** Thefts and visits as the register holds them, or (`files`) of units on this node from their own files. */
  figures: z.enum(['register', 'files']).optional(),
});
export type PlanRequest = z.infer<typeof planRequestSchema>;

/** POST /api/rollout/adopt — a plan made the rollout's, with the first wave's due date and the days between waves. */
export const adoptPlanRequestSchema = planRequestSchema.extend({
  firstDueAt: z.iso.datetime().optional(),
  daysBetweenWaves: z.int().min(1).max(365).optional(),
});
export type AdoptPlanRequest = z.infer<typeof adoptPlanRequestSchema>;

export const plannedUnitSchema = z.object({
  wave: count,
  rank: count,
  code: z.string(),
  nameFa: z.string(),
  province: z.string(),
  county: z.string(),
  kind: z.enum(['station', 'post']),
  thefts: count,
  visits: count,
  cumulativeTheftShare: share,
});

export const provinceCoverageSchema = z.object({
  province: z.string(),
  units: count,
  chosen: count,
  thefts: count,
  theftsCovered: count,
  visits: count,
  visitsCovered: count,
});

export const planSchema = z.object({
  totalUnits: count,
  chosenCount: count,
  theftShare: share,
  visitShare: share,
  criterionShare: share,
  waves: count,
  chosen: z.array(plannedUnitSchema),
  curve: z.array(z.object({ unitShare: share, theftShare: share })),
  byProvince: z.array(provinceCoverageSchema),
});
export type PlanAnswer = z.infer<typeof planSchema>;

const instant = z.iso.datetime().nullable();

/** A unit of the rollout: where it stands and when it got to each step (set by hand or shown by the data). */
export const rolloutUnitSchema = z.object({
  code: z.string(),
  nameFa: z.string(),
  province: z.string(),
  county: z.string(),
  wave: count,
  rank: count,
  state: z.enum(rolloutSteps),
  onCasebridge: z.boolean(),
  dates: z.object({ nodeReady: instant, usersCreated: instant, firstSent: instant, live: instant }),
});

const perStep = z.object(
  Object.fromEntries(rolloutSteps.map((s) => [s, count])) as Record<
    (typeof rolloutSteps)[number],
    typeof count
  >,
);

/** GET /api/rollout — the supervisor's and the administrator's dashboard (issue 21, point 3). */
export const rolloutDashboardSchema = z.object({
  registerUnits: count,
  totals: perStep,
  waves: z.array(
    z.object({ wave: count, dueAt: instant, units: count, late: z.boolean(), byState: perStep }),
  ),
  byProvince: z.array(z.object({ province: z.string(), units: count, byState: perStep })),
  units: z.array(rolloutUnitSchema),
});
export type RolloutDashboard = z.infer<typeof rolloutDashboardSchema>;

/** PATCH /api/rollout/units/:code — a step set (an instant) or cleared (null) by hand. */
export const rolloutUnitParamsSchema = z.object({ code: code(40) });
export const rolloutUnitUpdateSchema = z.strictObject({
  step: z.enum(['node_ready', 'users_created', 'first_sent', 'live']),
  at: z.iso.datetime().nullable(),
});
export const rolloutWaveParamsSchema = z.object({ wave: z.coerce.number().int().min(1).max(100_000) });
export const rolloutWaveUpdateSchema = z.strictObject({ dueAt: z.iso.datetime().nullable() });

/** POST /api/units/import — the CSV file's bytes, base64 (the bytes, so that a file not in UTF-8 is told apart). */
export const unitsImportRequestSchema = z.strictObject({ fileBase64: z.base64().max(1_000_000) });

/** POST /api/paper-transmissions — files a station sent on paper (issue 21, point 4). */
export const paperTransmissionBodySchema = z.strictObject({
  sentAt: z.iso.datetime(),
  files: z.int().min(1).max(1000),
  caseNumber: line(50).min(1).optional(),
  /** The case sent on paper (from its page): it must be this station's and not sent electronically. */
  caseId: z.uuid().optional(),
});
/** GET /api/paper-transmissions?caseId — what was recorded as sent on paper for one case. */
export const paperTransmissionsQuerySchema = z.object({ caseId: z.uuid() });
export const paperTransmissionSchema = z.object({
  id: z.string(),
  sentAt: z.iso.datetime(),
  files: count,
  caseNumber: z.string().nullable(),
});
export type PaperTransmission = z.infer<typeof paperTransmissionSchema>;
export type PaperTransmissionBody = z.infer<typeof paperTransmissionBodySchema>;
export const paperTransmissionListSchema = z.object({ items: z.array(paperTransmissionSchema) });
export type PaperTransmissionList = z.infer<typeof paperTransmissionListSchema>;

/** GET /api/rollout/speed — is it faster? Per month: hours from opening to receipt and to registration. */
export const speedQuerySchema = z.object({ from: z.iso.datetime(), to: z.iso.datetime() });
const hours = z.number().nonnegative().nullable();
export const speedSchema = z.object({
  months: z.array(
    z.object({
      from: z.iso.datetime(),
      to: z.iso.datetime(),
      received: count,
      medianHoursToReceipt: hours,
      p90HoursToReceipt: hours,
      registered: count,
      medianHoursToRegistration: hours,
      p90HoursToRegistration: hours,
      sentElectronically: count,
      sentOnPaper: count,
    }),
  ),
  returns: z.object({
    beforeLive: z.object({ decided: count, returned: count }),
    afterLive: z.object({ decided: count, returned: count }),
  }),
});
export type Speed = z.infer<typeof speedSchema>;
