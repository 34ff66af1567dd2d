import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/index.js';
import { queueOutboundMessage } from '../notifications/index.js';
import { findConsentingMobiles } from './parties.repository.js';

/** The new statuses a complainant who agreed is told by SMS (issue 19, point 5). */
export type TextedStatus = 'registered' | 'returned' | 'order_issued';

/** The SMS's Persian text: the station's case number and the new state, never anybody's name. */
const statusTexts: Record<TextedStatus, (caseNumber: string) => string> = {
  registered: (n) => `پرونده‌ی ${n} در دادسرا ثبت شد. پیگیری: صفحه‌ی پیگیری شکوائیه با کد رهگیری.`,
  returned: (n) => `دادسرا پرونده‌ی ${n} را برای تکمیل به کلانتری برگرداند. پیگیری با کد رهگیری.`,
  order_issued: (n) => `برای پرونده‌ی ${n} دستور قضایی صادر شد. پیگیری با کد رهگیری.`,
};

/**
 * Queues the case's new status to its complainants who agreed to SMS when the complaint was recorded, in the
 * caller's transaction (the one that changes the status): through the notifier's outbox, which retries and
 * records each delivery. Audited (`case.status_texted`) with the status and how many were queued, when any.
 */
export async function textCaseStatus(
  tx: Tx,
  input: { caseId: string; orgId: string; caseNumber: string; status: TextedStatus; now: Date },
): Promise<number> {
  const mobiles = await findConsentingMobiles(tx, input.caseId);
  for (const to of mobiles)
    await queueOutboundMessage(tx, {
      purpose: `case.${input.status}`,
      to,
      text: statusTexts[input.status](input.caseNumber),
      now: input.now,
    });
  if (mobiles.length > 0)
    await recordAudit(tx, {
      action: 'case.status_texted',
      actorUserId: null,
      actorOrgId: null,
      resourceType: 'case',
      resourceId: input.caseId,
      orgId: input.orgId,
      ip: null,
      at: input.now,
      details: { status: input.status, recipients: mobiles.length },
    });
  return mobiles.length;
}
