import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../test/render.js';
import { JalaliTime } from './JalaliTime.js';

describe('JalaliTime', () => {
  it('shows an instant as Jalali date and time in Tehran with Persian digits', () => {
    const { container } = renderInApp(<JalaliTime at="2025-11-28T23:15:00Z" />);
    const time = container.querySelector('time');
    expect(time?.textContent).toMatch(/^۱۴۰۴\/۰۹\/۰۸.*۰۲:۴۵$/);
    expect(time?.getAttribute('datetime')).toBe('2025-11-28T23:15:00.000Z');
  });

  it('shows a long Jalali date', () => {
    renderInApp(<JalaliTime at="2025-11-28T23:15:00Z" mode="date" />);
    expect(screen.getByText(/۸ آذر ۱۴۰۴/)).toBeTruthy();
  });

  it('shows Gregorian with Latin digits in English, still in Tehran time', () => {
    const { container } = renderInApp(<JalaliTime at="2025-11-28T23:15:00Z" />, { locale: 'en' });
    expect(container.querySelector('time')?.textContent).toBe('29 Nov 2025, 02:45');
  });

  it('shows nothing for a missing or broken instant', () => {
    const { container } = renderInApp(
      <>
        <JalaliTime at={null} />
        <JalaliTime at="not a date" />
      </>,
    );
    expect(container.querySelector('time')).toBeNull();
  });
});
