import { randomUUID } from 'node:crypto';
import type { MessageHandler, MessageHandlers } from '../exchange/index.js';
import { recordAudit } from '../audit/index.js';
import { insertCustodyNotice } from './custody-notices.repository.js';

/** `custody.notified` at the prosecutor's office: the notice joins the office's list, as the station signed it. */
export const onCustodyNotified: MessageHandler<'custody.notified'> = async (message) => {
  const { tx, envelope, recipient, now } = message;
  const body = envelope.body;
  const row = await insertCustodyNotice(tx, {
    id: randomUUID(),
    org_id: recipient.id,
    side: 'office',
    custody_id: body.custodyId,
    case_ref: envelope.caseRef,
    case_number: body.caseNumber,
    person_name: body.personName,
    custody_started_at: new Date(body.custodyStartedAt),
    family_notified_who: body.familyNotifiedWho,
    family_notified_how: body.familyNotifiedHow,
    family_notified_at: new Date(body.familyNotifiedAt),
    notified_by: body.notifiedBy,
    message_id: envelope.id,
    peer_node: envelope.from.node,
    peer_org: envelope.from.org,
    created_at: now,
  });
  if (row)
    await recordAudit(tx, {
      action: 'custody.notice_received',
      actorUserId: null,
      actorOrgId: null,
      resourceType: 'custody_notice',
      resourceId: row.id,
      orgId: recipient.id,
      ip: null,
      at: now,
      details: { custodyId: body.custodyId, messageId: envelope.id, fromOrg: envelope.from.org },
    });
};

/** The handler of the custody notice, registered with the exchange by the composition root (src/server/message-handlers.ts). */
export const custodyNoticeHandlers: MessageHandlers = {
  'custody.notified': onCustodyNotified,
};
