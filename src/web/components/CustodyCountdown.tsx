import { useEffect, useRef, useState } from 'react';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n/i18n.js';
import { formatDuration, readClock } from './custody-clock.js';
import { JalaliTime } from './JalaliTime.js';

export interface CustodyCountdownProps {
  /** UTC ISO instant at which custody must end. */
  deadlineAt: string;
  /** When custody has ended, the clock stops. */
  endedAt?: string | null;
  /** The clock, injectable for tests. */
  now?: () => Date;
  /** How often to re-read the clock. */
  tickMs?: number;
}

const colors = { running: 'processing', warning: 'red', overdue: 'error' } as const;

/** A live countdown to a custody deadline: red under 4 hours, "overdue" once past it. */
export function CustodyCountdown({
  deadlineAt,
  endedAt,
  now = () => new Date(),
  tickMs = 1000,
}: CustodyCountdownProps) {
  const { t, digits } = useI18n();
  const [at, setAt] = useState(now);
  // `now` is usually an inline arrow: kept in a ref so that a re-render does not restart the timer.
  const nowRef = useRef(now);
  nowRef.current = now;

  useEffect(() => {
    if (endedAt) return;
    setAt(nowRef.current());
    const timer = setInterval(() => setAt(nowRef.current()), tickMs);
    return () => clearInterval(timer);
  }, [endedAt, tickMs, deadlineAt]);

  if (endedAt) {
    return (
      <Tag data-state="ended">
        {t('custody.ended')} <JalaliTime at={endedAt} />
      </Tag>
    );
  }

  const reading = readClock(new Date(deadlineAt), at);
  const time = digits(formatDuration(reading.seconds));
  const label =
    reading.state === 'overdue' ? t('custody.overdue', { time }) : t('custody.remaining', { time });
  return (
    <Tooltip
      title={
        <>
          {t('custody.deadline')}: <JalaliTime at={deadlineAt} />
        </>
      }
    >
      <Tag
        color={colors[reading.state]}
        data-state={reading.state}
        role="timer"
        aria-live="off"
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {label}
      </Tag>
    </Tooltip>
  );
}
