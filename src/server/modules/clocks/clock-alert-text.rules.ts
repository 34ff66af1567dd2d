import type { ClockKind } from '../../db/schema.js';
import { toPersianDigits } from '../../../domain/persian-text.js';

/** What each kind of clock is called in an SMS (the in-app centre translates from the notification's details). */
const kindLabel: Record<ClockKind, string> = {
  custody: 'مهلت ۲۴ ساعته تحت‌نظر',
  custody_notice: 'مهلت یک‌ساعته اعلام تحت‌نظر',
  order: 'مهلت دستور قضایی',
  escort_pickup: 'مهلت تحویل متهم به اسکورت',
  complaint_send: 'مهلت ارسال شکایت',
  intake_unregistered: 'مهلت ثبت پرونده رسیده',
  return_unanswered: 'مهلت پاسخ به عودت برای تکمیل',
};

/** "۴ ساعت" / "۱۵ دقیقه": the time left at a threshold, in Persian. */
function timeLeft(beforeSeconds: number): string {
  if (beforeSeconds % 3600 === 0) return `${toPersianDigits(String(beforeSeconds / 3600))} ساعت`;
  return `${toPersianDigits(String(Math.round(beforeSeconds / 60)))} دقیقه`;
}

/** The SMS text of an alert (before > 0) or a breach (before = 0) of a clock of a case. */
export function clockAlertText(input: {
  kind: ClockKind;
  beforeSeconds: number;
  caseRef: string | null;
}): string {
  const of = input.caseRef ? ` پرونده ${toPersianDigits(input.caseRef)}` : '';
  return input.beforeSeconds > 0
    ? `هشدار: ${timeLeft(input.beforeSeconds)} تا پایان ${kindLabel[input.kind]}${of} مانده است.`
    : `${kindLabel[input.kind]}${of} گذشت و تخلف ثبت شد.`;
}
