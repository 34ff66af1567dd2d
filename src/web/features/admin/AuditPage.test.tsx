import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { AuditPage } from './AuditPage.js';

const entries = {
  total: 1,
  items: [
    {
      seq: 7,
      at: '2025-11-28T23:15:00.000Z',
      action: 'case.created',
      actorUserId: 'a1b2c3d4-0000-0000-0000-000000000000',
      actorOrgId: null,
      resourceType: 'case',
      resourceId: 'c0ffee00-0000-0000-0000-000000000000',
      orgId: null,
      ip: '127.0.0.1',
      details: {},
      hash: 'ab'.repeat(32),
    },
  ],
};

// The first render of an antd screen can take seconds on a busy CI machine.
describe('AuditPage', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists entries with Jalali times and says when the chain is intact', async () => {
    stubApi({
      'GET /api/audit': () => jsonResponse(200, entries),
      'POST /api/audit/verify': () => jsonResponse(200, { ok: true, entries: 1234, head: 'ff' }),
    });
    renderInApp(<AuditPage />);
    expect(await screen.findByText('case.created')).toBeTruthy();
    expect(screen.getByText(/۱۴۰۴\/۰۹\/۰۸/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'بررسی زنجیره' }));
    const verdict = await screen.findByTestId('audit-verification');
    expect(verdict.dataset.ok).toBe('true');
    expect(verdict.textContent).toContain('زنجیره‌ی رویدادنگار سالم است (۱۲۳۴ رویداد).');
  });

  it('names the first bad entry and why', async () => {
    stubApi({
      'GET /api/audit': () => jsonResponse(200, entries),
      'POST /api/audit/verify': () =>
        jsonResponse(200, { ok: false, entries: 40, firstBadSeq: 17, reason: 'changed' }),
    });
    renderInApp(<AuditPage />);
    fireEvent.click(screen.getByRole('button', { name: 'بررسی زنجیره' }));
    const verdict = await screen.findByTestId('audit-verification');
    expect(verdict.dataset.ok).toBe('false');
    expect(verdict.textContent).toContain('زنجیره در رویداد ردیف ۱۷ خراب است.');
    expect(verdict.textContent).toContain('محتوای این رویداد پس از ثبت تغییر کرده است.');
  });
});
