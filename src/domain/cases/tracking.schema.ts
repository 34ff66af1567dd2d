import { z } from 'zod';
import { line } from '../text.js';
import { publicCaseStatuses } from './public-status.js';

/**
 * GET /api/public/tracking — the code must match a complaint case, and the identity one of its complainants:
 * an Iranian's national ID, or a foreign national's passport number (exactly one of the two).
 */
export const trackingQuerySchema = z
  .object({
    code: line(40),
    nationalId: line(40).optional(),
    passportNumber: line(40).optional(),
  })
  .refine((q) => (q.nationalId === undefined) !== (q.passportNumber === undefined), {
    message: 'tracking.identity_required',
    path: ['nationalId'],
  });
export type TrackingQuery = z.infer<typeof trackingQuerySchema>;

/** Who asks: a complainant named in the case, by the identifier the station recorded for them. */
export type TrackingIdentity = { nationalId: string } | { passportNumber: string };

/** What the complainant sees: the state of their own case, nothing about anybody in it. */
export const trackingStatusSchema = z.object({
  status: z.enum(publicCaseStatuses),
  caseNumber: z.string(),
  stationName: z.string(),
  receivedAt: z.string(),
  receivedAtLocal: z.string(),
  sentAt: z.string().nullable(),
  /** The prosecutor's office the case went to, once sent. */
  officeName: z.string().nullable(),
  /** The office's file number, once it registered the case (what the complainant asks for there). */
  prosecutorFileNumber: z.string().nullable(),
  registeredAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type TrackingStatus = z.infer<typeof trackingStatusSchema>;
