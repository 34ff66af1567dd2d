import type { Receipt } from '../../../domain/cases/case.schema.js';
import { AppError } from '../../../domain/errors.js';
import { formatJalaliLatin } from '../../../domain/jalali.js';
import { findOrganisation } from '../organisations/organisations.repository.js';
import { readCase, type CaseUseCaseInput } from './case.ports.js';

/** Printed on the receipt under the tracking code. */
export const RECEIPT_NOTE =
  'شکوائیه‌ی شما دریافت شد. با این کد رهگیری و کد ملی خود می‌توانید وضعیت پرونده را در سامانه پیگیری کنید.';

/**
 * The receipt a complainant is owed (Art. 37): case number, station, tracking code and the time the
 * complaint was received (Jalali, Tehran). Only complaint cases have one (`cases.invalid_state` otherwise).
 */
export async function getCaseReceipt(input: CaseUseCaseInput): Promise<Receipt> {
  return readCase({ ...input, audit: 'case.receipt_read' }, async ({ tx, row }) => {
    if (row.origin !== 'complaint' || !row.tracking_code)
      throw new AppError('cases.invalid_state', { details: { reason: 'no_receipt' } });
    const station = await findOrganisation(tx, row.org_id);
    return {
      value: {
        caseNumber: row.case_number,
        stationName: station?.name_fa ?? '',
        trackingCode: row.tracking_code,
        receivedAt: row.created_at.toISOString(),
        receivedAtLocal: formatJalaliLatin(row.created_at),
        note: RECEIPT_NOTE,
      },
    };
  });
}
