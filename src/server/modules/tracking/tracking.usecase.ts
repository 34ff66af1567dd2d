import { publicCaseStatus } from '../../../domain/cases/public-status.js';
import { normalisePassportNumber } from '../../../domain/cases/party.schema.js';
import { normaliseTrackingCode } from '../../../domain/cases/tracking-code.js';
import type { TrackingIdentity, TrackingStatus } from '../../../domain/cases/tracking.schema.js';
import { AppError } from '../../../domain/errors.js';
import { formatJalaliLatin } from '../../../domain/jalali.js';
import { normaliseNationalId } from '../../../domain/national-id.js';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { normaliseIdentifier } from '../../../domain/persian-text.js';
import { TRACKING_OTP, otpMatches } from './tracking-otp.rules.js';
import {
  addCodeTry,
  findLiveCode,
  findTrackedCase,
  type ComplainantIdentifier,
} from './tracking.repository.js';
import { inTransaction } from '../../db/transaction.js';

/** The identifier as the parties table stores it, whatever digits and case it was typed in. */
export function storedIdentifier(identity: TrackingIdentity): ComplainantIdentifier {
  return 'nationalId' in identity
    ? { column: 'national_id', value: normaliseNationalId(identity.nationalId) }
    : { column: 'passport_number', value: normalisePassportNumber(identity.passportNumber) };
}

/**
 * A complainant follows their case without signing in: the tracking code from the receipt and the
 * national ID — or, for a foreign national, the passport number — of a complainant of that case must
 * both match, and the one-time code sent to that complainant's mobile (`requestTrackingCode`): 5 tries within
 * its 5 minutes. The answer is the state of the case in plain terms, never anybody's details; an unknown case
 * and a wrong or spent code are the same `tracking.code_invalid`, so the endpoint tells nothing about which
 * part was wrong. Every look-up is audited (`tracking.viewed`) with its outcome, never with the identifier.
 */
export async function viewTracking(input: {
  db: Db;
  clock: Clock;
  code: string;
  identity: TrackingIdentity;
  otp: string | undefined;
  ip: string | null;
}): Promise<TrackingStatus> {
  if (input.otp === undefined || input.otp.trim() === '') throw new AppError('tracking.code_required');
  const otp = normaliseIdentifier(input.otp);
  const now = input.clock.now();
  const trackingCode = normaliseTrackingCode(input.code);
  const identifier = storedIdentifier(input.identity);
  const found = await inTransaction(input.db, async (tx) => {
    const row = trackingCode && identifier.value ? await findTrackedCase(tx, trackingCode, identifier) : null;
    const outcome = row ? await tryCode(tx, row.id, otp, now) : 'not_found';
    await recordAudit(tx, {
      action: 'tracking.viewed',
      actorUserId: null,
      actorOrgId: null,
      resourceType: 'case',
      resourceId: row?.id ?? null,
      orgId: row?.org_id ?? null,
      ip: input.ip,
      at: now,
      details: { outcome },
    });
    return outcome === 'found' ? row : null;
  });
  if (!found) throw new AppError('tracking.code_invalid');
  return {
    status: publicCaseStatus(found.status),
    caseNumber: found.case_number,
    stationName: found.station_name,
    receivedAt: found.created_at.toISOString(),
    receivedAtLocal: formatJalaliLatin(found.created_at),
    sentAt: found.sent_at ? found.sent_at.toISOString() : null,
    officeName: found.office_name ?? null,
    prosecutorFileNumber: found.answer === 'registered' ? (found.file_number ?? null) : null,
    registeredAt: found.answer === 'registered' && found.answered_at ? found.answered_at.toISOString() : null,
    updatedAt: found.updated_at.toISOString(),
  };
}

/** Tries a typed code against the case's live one: a wrong try is counted, the sixth is refused unchecked. */
async function tryCode(tx: Tx, caseId: string, otp: string, now: Date): Promise<'found' | 'code_invalid'> {
  const live = await findLiveCode(tx, caseId, now);
  if (!live?.code_hash || live.tries >= TRACKING_OTP.tries) return 'code_invalid';
  if (otpMatches(caseId, otp, live.code_hash)) return 'found';
  await addCodeTry(tx, live.id);
  return 'code_invalid';
}
