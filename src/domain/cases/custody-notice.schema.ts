import { z } from 'zod';
import { familyNoticeMeans } from '../messages/bodies.js';
import { instantSchema, requiredLine } from './text-fields.js';

/** POST /api/cases/:caseId/custody/:custodyId/notice — who of the family was told, how and when. */
export const custodyNoticeBodySchema = z.object({
  familyNotifiedWho: requiredLine(300),
  familyNotifiedHow: z.enum(familyNoticeMeans),
  familyNotifiedAt: instantSchema,
});
export type CustodyNoticeBody = z.infer<typeof custodyNoticeBodySchema>;

/** A custody notice as both sides show it: the station's record, the office's receipt of `custody.notified`. */
export const custodyNoticeSchema = z.object({
  id: z.string(),
  side: z.enum(['station', 'office']),
  custodyId: z.string(),
  caseRef: z.string(),
  caseNumber: z.string(),
  personName: z.string(),
  custodyStartedAt: z.string(),
  familyNotifiedWho: z.string(),
  familyNotifiedHow: z.enum(familyNoticeMeans),
  familyNotifiedAt: z.string(),
  notifiedBy: z.string(),
  messageId: z.string().nullable(),
  /** The other side: the office the station told, or the station that told the office. */
  peerOrg: z.string(),
  createdAt: z.string(),
});
export type CustodyNotice = z.infer<typeof custodyNoticeSchema>;
export const custodyNoticeListSchema = z.object({ items: z.array(custodyNoticeSchema) });
export type CustodyNoticeList = z.infer<typeof custodyNoticeListSchema>;
