import { z } from 'zod';

/** The longest period one request may cover: a Jalali year and a little more. */
export const FIGURES_MAX_DAYS = 400;

/**
 * GET /api/figures — the period [from, to) as instants (the UI sends Asia/Tehran day and month boundaries,
 * counted in the Jalali calendar); `to` after `from`, at most FIGURES_MAX_DAYS apart.
 */
export const figuresQuerySchema = z
  .object({ from: z.iso.datetime(), to: z.iso.datetime() })
  .superRefine(checkPeriod);

/** The rule of every figures period: `to` after `from`, at most FIGURES_MAX_DAYS apart. */
export function checkPeriod(q: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  if (!(from < to) || to - from > FIGURES_MAX_DAYS * 86_400_000)
    ctx.addIssue({ code: 'custom', message: 'figures.invalid_period', path: ['to'] });
}
export type FiguresQuery = z.infer<typeof figuresQuerySchema>;

const count = z.int().nonnegative();
/** A median duration in hours, or null when nothing in the period had one. */
const hours = z.number().nonnegative().nullable();

/** A police unit's work in the period, and what stands open now. */
export const stationFiguresSchema = z.object({
  /** Case files opened in the period, and how many of them from a complaint. */
  opened: count,
  complaints: count,
  /** Files sent to a prosecutor's office in the period, and the median time from opening to sending. */
  sent: count,
  medianHoursToSend: hours,
  /** The offices' answers that arrived in the period, and the median time from sending to the answer. */
  registered: count,
  returned: count,
  rejected: count,
  medianHoursToAnswer: hours,
  /** Custodies (تحت نظر) begun in the period, and how many of them went past 24 hours (Art. 46). */
  custodyStarted: count,
  custodyOverLimit: count,
  /** People in custody now. */
  inCustodyNow: count,
  /** Judicial orders received in the period; orders past their deadline and not closed now. */
  ordersReceived: count,
  ordersOverdue: count,
  /**
   * Escorts (بدرقه) the unit requested in the period, delivered in the period, and late: of those due in the
   * period, picked up after their time or, not cancelled, still waiting past it now.
   */
  escortsRequested: count,
  escortsDone: count,
  escortsLate: count,
});
export type StationFigures = z.infer<typeof stationFiguresSchema>;

/** A prosecutor's office's intake of one station's files in the period, and what stands open now. */
export const officeFiguresSchema = z.object({
  /** Files received in the period. */
  received: count,
  /** Decisions sent in the period, and the median time from receiving to deciding. */
  registered: count,
  returned: count,
  rejected: count,
  medianHoursToDecide: hours,
  /** Files waiting for a decision now. */
  awaitingDecision: count,
  /** Judicial orders issued in the period; orders past their deadline and not closed now. */
  ordersIssued: count,
  ordersOverdue: count,
});
export type OfficeFigures = z.infer<typeof officeFiguresSchema>;

/** A coded reason (a deficiency or a rejection reason) and how often it was given in the period. */
const reasonCountSchema = z.object({ code: z.string(), count });

const periodFields = { from: z.iso.datetime(), to: z.iso.datetime(), generatedAt: z.iso.datetime() };
const unitSchema = z.object({ code: z.string(), name: z.string() });

/** Breach records detected in the period (issue 19): per unit and kind of clock, and their total. */
export const breachFiguresSchema = z.object({
  rows: z.array(z.object({ unit: unitSchema, kind: z.string(), count })),
  total: count,
});
export type BreachFigures = z.infer<typeof breachFiguresSchema>;

/**
 * The figures a manager steers by. `police`: one row per police unit in the actor's care (a station chief's
 * own, an HQ's province, an administrator's whole node). `office`: a prosecutor's office, one row per station
 * whose files it received. With the total over all rows and the most frequent coded reasons.
 */
export const figuresSchema = z.discriminatedUnion('view', [
  z.object({
    view: z.literal('police'),
    ...periodFields,
    rows: z.array(z.object({ unit: unitSchema, figures: stationFiguresSchema })),
    total: stationFiguresSchema,
    topDeficiencies: z.array(reasonCountSchema),
    topRejections: z.array(reasonCountSchema),
    breaches: breachFiguresSchema,
  }),
  z.object({
    view: z.literal('office'),
    ...periodFields,
    rows: z.array(z.object({ unit: unitSchema, figures: officeFiguresSchema })),
    total: officeFiguresSchema,
    topDeficiencies: z.array(reasonCountSchema),
    topRejections: z.array(reasonCountSchema),
    breaches: breachFiguresSchema,
  }),
]);
export type Figures = z.infer<typeof figuresSchema>;
