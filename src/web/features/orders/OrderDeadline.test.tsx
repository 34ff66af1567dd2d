import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../../test/render.js';
import { OrderDeadline } from './OrderDeadline.js';

describe('OrderDeadline', () => {
  it('shows the absolute due date and time (Jalali, Tehran) beside the time left, not only on hover', () => {
    renderInApp(
      <OrderDeadline
        order={{ status: 'acknowledged', overdue: false, deadlineAt: '2025-12-01T06:30:00.000Z' }}
        now={() => new Date('2025-11-28T23:15:00Z')}
      />,
    );
    expect(screen.getByRole('timer').textContent).toMatch(/مانده/);
    expect(screen.getByTestId('order-due').textContent).toMatch(/۱۴۰۴\/۰۹\/۱۰/);
    expect(screen.getByTestId('order-due').textContent).toMatch(/۱۰:۰۰/);
  });
});
