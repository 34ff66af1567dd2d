import { z } from 'zod';
import { line } from '../text.js';
import { publicCaseStatuses } from './public-status.js';

const complainantIdentity = {
  code: line(40),
  nationalId: line(40).optional(),
  passportNumber: line(40).optional(),
};

/** Exactly one of the national ID and the passport number. */
const oneIdentity: [
  (q: { nationalId?: string | undefined; passportNumber?: string | undefined }) => boolean,
  { message: string; path: string[] },
] = [
  (q) => (q.nationalId === undefined) !== (q.passportNumber === undefined),
  { message: 'tracking.identity_required', path: ['nationalId'] },
];

/**
 * POST /api/public/tracking/code — asks for the one-time code: the tracking code and the identity of a
 * complainant (an Iranian's national ID, or a foreign national's passport number; exactly one of the two).
 */
export const trackingCodeRequestSchema = z.object(complainantIdentity).refine(...oneIdentity);
export type TrackingCodeRequest = z.infer<typeof trackingCodeRequestSchema>;

/** Where the code went, masked (`***1234`); the same shape whether or not the case exists. */
export const trackingCodeSentSchema = z.object({ sentTo: z.string() });
export type TrackingCodeSent = z.infer<typeof trackingCodeSentSchema>;

/**
 * GET /api/public/tracking — the code must match a complaint case, the identity one of its complainants, and
 * `otp` the one-time code sent to that complainant's mobile (digits in any script).
 */
export const trackingQuerySchema = z
  .object({ ...complainantIdentity, otp: line(12).optional() })
  .refine(...oneIdentity);
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
