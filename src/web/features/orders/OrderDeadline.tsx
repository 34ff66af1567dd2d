import { useEffect, useRef, useState } from 'react';
import { Space, Tag } from 'antd';
import type { Order } from '../../../domain/orders/orders.schema.js';
import { formatDuration, readClock } from '../../components/custody-clock.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import { orderUrgency } from './order-tracker.js';

const colors = { overdue: 'red', dueSoon: 'orange', later: 'blue', closed: 'default' } as const;

/** `3 روز و 04:10:00` — days spelled out once a deadline is more than a day away (orders run for days). */
function useDurationText() {
  const { t, digits } = useI18n();
  return (seconds: number) => {
    const days = Math.floor(seconds / 86_400);
    const rest = digits(formatDuration(seconds % 86_400));
    return days > 0 ? t('orders.deadline.daysAnd', { days, time: rest }) : rest;
  };
}

/** A live countdown to an order's deadline (Art. 34): red once overdue, amber within a day. */
export function OrderDeadline({
  order,
  now = () => new Date(),
  tickMs = 1000,
}: {
  order: Pick<Order, 'status' | 'overdue' | 'deadlineAt'>;
  now?: () => Date;
  tickMs?: number;
}) {
  const { t } = useI18n();
  const duration = useDurationText();
  const [at, setAt] = useState(now);
  const nowRef = useRef(now);
  nowRef.current = now;
  const closed = order.status === 'closed';
  useEffect(() => {
    if (closed) return;
    setAt(nowRef.current());
    const timer = setInterval(() => setAt(nowRef.current()), tickMs);
    return () => clearInterval(timer);
  }, [closed, tickMs, order.deadlineAt]);

  const urgency = orderUrgency(order, at);
  if (closed) {
    return (
      <Tag data-urgency="closed">
        {t('orders.deadline.label')}: <JalaliTime at={order.deadlineAt} />
      </Tag>
    );
  }
  const reading = readClock(new Date(order.deadlineAt), at);
  const label =
    reading.state === 'overdue'
      ? t('orders.deadline.overdue', { time: duration(reading.seconds) })
      : t('orders.deadline.remaining', { time: duration(reading.seconds) });
  // The absolute due date and time (Jalali, Tehran) stands beside the time left, not only on hover.
  return (
    <Space size={4} wrap>
      <Tag
        color={colors[urgency]}
        role="timer"
        aria-live="off"
        data-urgency={urgency}
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {label}
      </Tag>
      <span data-testid="order-due">
        {t('orders.deadline.label')}: <JalaliTime at={order.deadlineAt} />
      </span>
    </Space>
  );
}
