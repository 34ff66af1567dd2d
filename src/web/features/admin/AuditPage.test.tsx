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
      actorName: 'ستوان رضا کریمی',
      actorUsername: 'officer',
      actorOrgId: null,
      resourceType: 'case',
      resourceId: 'c0ffee00-0000-0000-0000-000000000000',
      orgId: 'o1',
      orgNameFa: 'کلانتری ۱۲ تهران',
      orgNameEn: 'Station 12',
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
    expect(await screen.findByText('تشکیل پرونده')).toBeTruthy();
    expect(screen.getByText('ستوان رضا کریمی')).toBeTruthy();
    expect(screen.getByText('کلانتری ۱۲ تهران')).toBeTruthy();
    expect(screen.getByText(/۱۴۰۴\/۰۹\/۰۸/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'بررسی زنجیره' }));
    const verdict = await screen.findByTestId('audit-verification');
    expect(verdict.dataset.ok).toBe('true');
    expect(verdict.textContent).toContain('زنجیره‌ی رویدادنگار سالم است (۱۲۳۴ رویداد).');
  });

  it('reads its filters from the URL, sends the Jalali days as Tehran instants, and exports the same', async () => {
    window.location.hash =
      '#/admin/audit?action=case.read&caseNumber=۱۴۰۵/۰۰۰۰۱۲&fromDay=۱۴۰۵/۰۹/۰۱&toDay=1405/09/15';
    const fetch = stubApi({ 'GET /api/audit': () => jsonResponse(200, entries) });
    renderInApp(<AuditPage />);
    await screen.findByText('تشکیل پرونده');
    const url = new URL(
      String(fetch.mock.calls.find(([u]) => String(u).startsWith('/api/audit'))![0]),
      'http://x',
    );
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      action: 'case.read',
      caseNumber: '۱۴۰۵/۰۰۰۰۱۲',
      from: '2026-11-21T20:30:00.000Z',
      to: '2026-12-06T20:30:00.000Z',
    });
    const exportLink = screen.getByRole('link', { name: /برون‌بری CSV/ });
    expect(exportLink.getAttribute('href')).toContain('/api/audit/export.csv?action=case.read');
    expect(exportLink.getAttribute('href')).toContain('from=2026-11-21T20%3A30%3A00.000Z');
    window.location.hash = '';
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
