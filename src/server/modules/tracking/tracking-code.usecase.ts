import { randomUUID } from 'node:crypto';
import { normaliseTrackingCode } from '../../../domain/cases/tracking-code.js';
import type { TrackingCodeSent, TrackingIdentity } from '../../../domain/cases/tracking.schema.js';
import { AppError } from '../../../domain/errors.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { queueOutboundMessage } from '../notifications/index.js';
import { TRACKING_OTP, decoyHint, hashOtp, makeOtp, maskPhone, otpText } from './tracking-otp.rules.js';
import {
  countCodeRequests,
  findHintKey,
  findTrackedCase,
  insertCodeRequest,
  lockTrackedCase,
} from './tracking.repository.js';
import { storedIdentifier } from './tracking.usecase.js';

type Outcome = 'sent' | 'unknown' | 'case_limited' | 'address_limited' | 'no_phone';

/**
 * Sends the complainant a one-time code (6 digits, 5 minutes) to the mobile recorded for them, through the
 * notifier's outbox in the same transaction as the request's record. The answer is `***` and four digits
 * whether or not the tracking code and identity matched a case: for an unknown one, a decoy derived with the
 * deployment's key (the same at every try), and nothing is sent; a case that had its 3 codes in 15 minutes is
 * answered alike and sent nothing. Only a client address over its 10 requests in 15 minutes is told so (429),
 * and a matched complainant without a mobile (`tracking.no_phone`: they gave the right code and identity).
 * Audited (`tracking.code_requested`) with the outcome, never the identifier, the number or the code.
 */
export async function requestTrackingCode(input: {
  db: Db;
  clock: Clock;
  code: string;
  identity: TrackingIdentity;
  ip: string | null;
  template: string;
}): Promise<TrackingCodeSent> {
  const now = input.clock.now();
  const since = new Date(now.getTime() - TRACKING_OTP.windowMs);
  const trackingCode = normaliseTrackingCode(input.code);
  const identifier = storedIdentifier(input.identity);
  const result = await inTransaction(input.db, async (tx) => {
    const decide = async (): Promise<{
      outcome: Outcome;
      caseId: string | null;
      orgId: string | null;
      sentTo: string;
    }> => {
      const decoy = async () =>
        decoyHint(await findHintKey(tx), `${trackingCode}|${identifier.column}|${identifier.value}`);
      if ((await countCodeRequests(tx, { ip: input.ip }, since)) >= TRACKING_OTP.perAddress)
        return { outcome: 'address_limited', caseId: null, orgId: null, sentTo: '' };
      const row =
        trackingCode && identifier.value ? await findTrackedCase(tx, trackingCode, identifier) : null;
      if (!row) return { outcome: 'unknown', caseId: null, orgId: null, sentTo: await decoy() };
      const base = { caseId: row.id, orgId: row.org_id };
      if (!row.complainant_mobile) return { ...base, outcome: 'no_phone', sentTo: '' };
      const sentTo = maskPhone(row.complainant_mobile);
      await lockTrackedCase(tx, row.id);
      if ((await countCodeRequests(tx, { caseId: row.id }, since)) >= TRACKING_OTP.perCase)
        return { ...base, outcome: 'case_limited', sentTo };
      const otp = makeOtp();
      await insertCodeRequest(tx, {
        id: randomUUID(),
        case_id: row.id,
        ip: input.ip,
        code_hash: hashOtp(row.id, otp),
        expires_at: new Date(now.getTime() + TRACKING_OTP.validMs),
        requested_at: now,
      });
      await queueOutboundMessage(tx, {
        purpose: 'tracking.code',
        to: row.complainant_mobile,
        text: otpText(input.template, otp),
        now,
      });
      return { ...base, outcome: 'sent', sentTo };
    };
    const decided = await decide();
    if (decided.outcome !== 'sent' && decided.outcome !== 'address_limited')
      await insertCodeRequest(tx, {
        id: randomUUID(),
        case_id: decided.caseId,
        ip: input.ip,
        requested_at: now,
      });
    await recordAudit(tx, {
      action: 'tracking.code_requested',
      actorUserId: null,
      actorOrgId: null,
      resourceType: 'case',
      resourceId: decided.caseId,
      orgId: decided.orgId,
      ip: input.ip,
      at: now,
      details: { outcome: decided.outcome },
    });
    return decided;
  });
  if (result.outcome === 'address_limited') throw new AppError('tracking.code_rate_limited');
  if (result.outcome === 'no_phone') throw new AppError('tracking.no_phone');
  return { sentTo: result.sentTo };
}
