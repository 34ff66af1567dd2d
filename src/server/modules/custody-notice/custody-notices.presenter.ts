import type { CustodyNotice } from '../../../domain/cases/custody-notice.schema.js';
import type { CustodyNoticesTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';

/** A custody notice row → the API's shape. */
export function presentCustodyNotice(row: Selectable<CustodyNoticesTable>): CustodyNotice {
  return {
    id: row.id,
    side: row.side,
    custodyId: row.custody_id,
    caseRef: row.case_ref,
    caseNumber: row.case_number,
    personName: row.person_name,
    custodyStartedAt: new Date(row.custody_started_at).toISOString(),
    familyNotifiedWho: row.family_notified_who,
    familyNotifiedHow: row.family_notified_how as CustodyNotice['familyNotifiedHow'],
    familyNotifiedAt: new Date(row.family_notified_at).toISOString(),
    notifiedBy: row.notified_by,
    messageId: row.message_id,
    peerOrg: row.peer_org,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
