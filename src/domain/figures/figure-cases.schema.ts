import { z } from 'zod';
import { cursorId, cursorParam, cursorTime, pageOf } from '../list-cursor.js';
import { code, line } from '../text.js';
import { checkPeriod } from './figures.schema.js';

/**
 * The counts of the police view a list stands behind: each is a figure of `StationFigures` (a median lists
 * what it is the median of: `sent` for the time to send, `answered` for the time to an answer).
 */
export const policeMeasures = [
  'opened',
  'complaints',
  'sent',
  'answered',
  'registered',
  'returned',
  'rejected',
  'custodyStarted',
  'custodyOverLimit',
  'inCustodyNow',
  'ordersReceived',
  'ordersOverdue',
  'escortsRequested',
  'escortsDone',
  'escortsLate',
] as const;

/** The counts of an office's view (`OfficeFigures`); `decided` stands behind the median time to decide. */
export const officeMeasures = [
  'received',
  'decided',
  'registered',
  'returned',
  'rejected',
  'awaitingDecision',
  'ordersIssued',
  'ordersOverdue',
] as const;

export type PoliceMeasure = (typeof policeMeasures)[number];
export type OfficeMeasure = (typeof officeMeasures)[number];
export const figureMeasures = [...new Set<string>([...policeMeasures, ...officeMeasures])] as [
  PoliceMeasure | OfficeMeasure,
  ...(PoliceMeasure | OfficeMeasure)[],
];
export type FigureMeasure = PoliceMeasure | OfficeMeasure;

/** The largest page of a drill-down. */
export const FIGURE_CASES_MAX_LIMIT = 200;

/**
 * GET /api/figures/cases — what one figure counted: the same period as the figures, the measure (a figure's
 * key), and optionally one unit (its code, as the figures' row shows it); keyset pages (`cursor` from `next`).
 * A measure of the other view (an office's on the police view) is refused as `figures.unknown_measure`.
 */
export const figureCasesQuerySchema = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    measure: z.enum(figureMeasures, { message: 'figures.unknown_measure' }),
    unit: code(40).optional(),
    cursor: cursorParam(z.tuple([cursorTime, cursorId])).optional(),
    limit: z.coerce.number().int().min(1).max(FIGURE_CASES_MAX_LIMIT).default(50),
  })
  .superRefine(checkPeriod);
export type FigureCasesQuery = z.infer<typeof figureCasesQuerySchema>;

/**
 * One thing a figure counted: a case opened or sent, an answer, a custody, an order, an escort (police), or a
 * file received, a decision, an order (office) — with the case (police) or intake file (office) it belongs to,
 * so that the list links to it, and when it counted.
 */
export const figureCaseSchema = z.object({
  /** The counted row's id (an answer's message id, a custody's, an order's, an escort's, a case's). */
  key: z.uuid(),
  at: z.iso.datetime(),
  unit: z.object({ code: line(40), name: line(200) }),
  caseId: z.uuid().nullable(),
  intakeId: z.uuid().nullable(),
  caseNumber: line(80).nullable(),
});
export type FigureCase = z.infer<typeof figureCaseSchema>;

export const figureCasesPageSchema = pageOf(figureCaseSchema);
export type FigureCasesPage = z.infer<typeof figureCasesPageSchema>;
