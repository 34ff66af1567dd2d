import { z } from 'zod';
import { addPartyBodySchema } from '../cases/party.schema.js';
import { optionalText, requiredText } from '../cases/text-fields.js';
import { deficiencyCodes, rejectionCodes } from '../messages/bodies.js';

/** Where a sent case stands, as the station sees it: transport first, then the office's business answer. */
export const submissionStatuses = ['queued', 'delivered', 'registered', 'returned', 'rejected'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

/** What prepare, approve and withdraw answer: the case's status after the step. */
export const submissionStepSchema = z.object({
  caseId: z.string(),
  caseStatus: z.string(),
  sentAt: z.string().nullable(),
  office: z.object({ code: z.string(), name: z.string() }).nullable(),
  messageId: z.string().nullable(),
});
export type SubmissionStep = z.infer<typeof submissionStepSchema>;

/** POST /api/cases/:id/submission/return — the chief sends a prepared case back to its officer, saying why. */
export const returnToOfficerBodySchema = z.object({ comment: requiredText(2000) });
export type ReturnToOfficerBody = z.infer<typeof returnToOfficerBodySchema>;

/** GET /api/cases/:id/submission — the sending and what came back. */
export const submissionSchema = z.object({
  caseId: z.string(),
  caseStatus: z.string(),
  status: z.enum(submissionStatuses),
  office: z.object({ code: z.string(), name: z.string() }),
  queuedAt: z.string(),
  deliveredAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  events: z.array(z.object({ type: z.string(), at: z.string() })),
  registration: z
    .object({ fileNumber: z.string(), branch: z.string(), assignedJudge: z.string() })
    .nullable(),
  deficiencies: z.array(z.object({ code: z.enum(deficiencyCodes), text: z.string() })).nullable(),
  rejection: z
    .object({
      reasons: z.array(z.object({ code: z.enum(rejectionCodes), text: z.string() })),
      competentOffice: z.object({ code: z.string(), name: z.string() }).nullable(),
    })
    .nullable(),
});
export type Submission = z.infer<typeof submissionSchema>;

/**
 * POST /api/cases/:id/supplements — the only way to add to a sent case: a note, answers to a return
 * for completion, new parties, and documents uploaded to the case after it was sent (by id).
 */
export const supplementBodySchema = z.object({
  note: requiredText(5000),
  answers: optionalText(5000),
  parties: z.array(addPartyBodySchema).max(50).default([]),
  documentIds: z.array(z.uuid()).max(50).default([]),
});
export type SupplementBody = z.infer<typeof supplementBodySchema>;
/** What the web sends: the lists may be left out (they default to none). */
export type SupplementBodyInput = z.input<typeof supplementBodySchema>;

export const supplementResultSchema = z.object({
  caseId: z.string(),
  caseStatus: z.string(),
  messageId: z.string(),
  partiesAdded: z.number().int(),
  documents: z.array(z.string()),
});
export type SupplementResult = z.infer<typeof supplementResultSchema>;
