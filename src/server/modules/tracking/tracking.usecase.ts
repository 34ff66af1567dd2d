import { publicCaseStatus } from '../../../domain/cases/public-status.js';
import { normalisePassportNumber } from '../../../domain/cases/party.schema.js';
import { normaliseTrackingCode } from '../../../domain/cases/tracking-code.js';
import type { TrackingIdentity, TrackingStatus } from '../../../domain/cases/tracking.schema.js';
import { AppError } from '../../../domain/errors.js';
import { formatJalaliLatin } from '../../../domain/jalali.js';
import { normaliseNationalId } from '../../../domain/national-id.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findTrackedCase, type ComplainantIdentifier } from './tracking.repository.js';
import { inTransaction } from '../../db/transaction.js';

/** The identifier as the parties table stores it, whatever digits and case it was typed in. */
function storedIdentifier(identity: TrackingIdentity): ComplainantIdentifier {
  return 'nationalId' in identity
    ? { column: 'national_id', value: normaliseNationalId(identity.nationalId) }
    : { column: 'passport_number', value: normalisePassportNumber(identity.passportNumber) };
}

/**
 * A complainant follows their case without signing in: the tracking code from the receipt and the
 * national ID — or, for a foreign national, the passport number — of a complainant of that case must
 * both match. The answer is the state of the case in plain terms, never anybody's details; any
 * mismatch is the same `tracking.not_found`, so the endpoint tells nothing about which half was wrong.
 * Every look-up is audited (`tracking.viewed`) with its outcome, never with the identifier.
 */
export async function viewTracking(input: {
  db: Db;
  clock: Clock;
  code: string;
  identity: TrackingIdentity;
  ip: string | null;
}): Promise<TrackingStatus> {
  const now = input.clock.now();
  const trackingCode = normaliseTrackingCode(input.code);
  const identifier = storedIdentifier(input.identity);
  const found = await inTransaction(input.db, async (tx) => {
    const row = trackingCode && identifier.value ? await findTrackedCase(tx, trackingCode, identifier) : null;
    await recordAudit(tx, {
      action: 'tracking.viewed',
      actorUserId: null,
      actorOrgId: null,
      resourceType: 'case',
      resourceId: row?.id ?? null,
      orgId: row?.org_id ?? null,
      ip: input.ip,
      at: now,
      details: { outcome: row ? 'found' : 'not_found' },
    });
    return row;
  });
  if (!found) throw new AppError('tracking.not_found');
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
