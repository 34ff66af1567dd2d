import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInApp } from '../test/render.js';
import { CustodyCountdown } from './CustodyCountdown.js';
import { formatDuration, readClock } from './custody-clock.js';

const deadline = '2025-11-29T10:00:00.000Z';
const at = (iso: string) => () => new Date(iso);

describe('readClock', () => {
  it('is running with more than four hours left, warning under four, overdue past the deadline', () => {
    expect(readClock(new Date(deadline), new Date('2025-11-29T05:00:00Z'))).toEqual({
      state: 'running',
      seconds: 5 * 3600,
    });
    expect(readClock(new Date(deadline), new Date('2025-11-29T06:00:01Z'))).toEqual({
      state: 'warning',
      seconds: 4 * 3600 - 1,
    });
    expect(readClock(new Date(deadline), new Date('2025-11-29T10:30:00Z'))).toEqual({
      state: 'overdue',
      seconds: 1800,
    });
  });

  it('formats durations as hours:minutes:seconds without wrapping at a day', () => {
    expect(formatDuration(25 * 3600 + 61)).toBe('25:01:01');
  });
});

describe('CustodyCountdown', () => {
  afterEach(() => vi.useRealTimers());

  it('shows the time left in Persian digits', () => {
    renderInApp(<CustodyCountdown deadlineAt={deadline} now={at('2025-11-29T04:30:00Z')} />);
    const timer = screen.getByRole('timer');
    expect(timer.textContent).toBe('۰۵:۳۰:۰۰ مانده');
    expect(timer.dataset.state).toBe('running');
  });

  it('turns red under four hours', () => {
    renderInApp(<CustodyCountdown deadlineAt={deadline} now={at('2025-11-29T07:00:00Z')} />);
    const timer = screen.getByRole('timer');
    expect(timer.dataset.state).toBe('warning');
    expect(timer.className).toMatch(/red/);
  });

  it('says overdue once the deadline has passed', () => {
    renderInApp(<CustodyCountdown deadlineAt={deadline} now={at('2025-11-29T11:15:00Z')} />);
    const timer = screen.getByRole('timer');
    expect(timer.dataset.state).toBe('overdue');
    expect(timer.textContent).toBe('مهلت گذشته: ۰۱:۱۵:۰۰');
  });

  it('counts down live', () => {
    vi.useFakeTimers();
    let now = new Date('2025-11-29T09:59:58Z').getTime();
    renderInApp(<CustodyCountdown deadlineAt={deadline} now={() => new Date(now)} />);
    expect(screen.getByRole('timer').textContent).toBe('۰۰:۰۰:۰۲ مانده');
    act(() => {
      now += 3000;
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByRole('timer').dataset.state).toBe('overdue');
  });

  it('uses Latin digits in English', () => {
    renderInApp(<CustodyCountdown deadlineAt={deadline} now={at('2025-11-29T09:00:00Z')} />, {
      locale: 'en',
    });
    expect(screen.getByRole('timer').textContent).toBe('01:00:00 left');
  });

  it('stops when custody has ended', () => {
    renderInApp(
      <CustodyCountdown
        deadlineAt={deadline}
        endedAt="2025-11-29T08:00:00Z"
        now={at('2025-11-29T11:00:00Z')}
      />,
    );
    expect(screen.queryByRole('timer')).toBeNull();
  });
});
