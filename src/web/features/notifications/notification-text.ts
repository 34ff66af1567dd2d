import type { AppNotification } from '../../../domain/notifications.schema.js';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** "4 hours" / "15 minutes": the time left at a threshold, in the UI language. */
function timeLeft(t: Translate, beforeSeconds: number): string {
  return beforeSeconds % 3600 === 0
    ? t('notifications.left.hours', { n: beforeSeconds / 3600 })
    : t('notifications.left.minutes', { n: Math.round(beforeSeconds / 60) });
}

/** What a notification says: which clock, of which case, how long is left or that it was breached. */
export function notificationText(
  { t, digits }: { t: Translate; digits: (text: string | number) => string },
  n: AppNotification,
): string {
  const d = n.details;
  const clock = typeof d.clockKind === 'string' ? t(`clocks.kinds.${d.clockKind}`) : '';
  const caseRef = typeof d.caseRef === 'string' ? digits(d.caseRef) : '';
  const before = typeof d.beforeSeconds === 'number' ? d.beforeSeconds : 0;
  if (n.kind === 'clock.alert')
    return t('notifications.kinds.clock_alert', { clock, caseRef, left: timeLeft(t, before) });
  if (n.kind === 'clock.breached') return t('notifications.kinds.clock_breached', { clock, caseRef });
  return t('notifications.kinds.other');
}
