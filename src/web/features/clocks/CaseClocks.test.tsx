import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Breach, CaseClocks as CaseClocksAnswer } from '../../../domain/clocks/clocks.schema.js';
import { formatJalaliDateTime } from '../../../domain/jalali.js';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { CaseClocks } from './CaseClocks.js';

const breach = (annotate: boolean): Breach => ({
  id: 'b1',
  clockId: 'k2',
  kind: 'complaint_send',
  legalBasis: 'CPC 1392 Art. 37',
  orgId: 'o1',
  caseId: 'case-1',
  caseRef: '1405/000123',
  dueAt: '2026-11-02T06:30:00.000Z',
  detectedAt: '2026-11-02T06:30:05.000Z',
  late: false,
  responsibleUserId: 'u1',
  responsibleName: 'سروان احمدی',
  exchangeWaiting: [],
  annotations: [],
  allowed: { annotate },
});
const answer = (annotate: boolean): CaseClocksAnswer => ({
  clocks: [
    {
      id: 'k1',
      kind: 'custody',
      legalBasis: 'CPC 1392 Art. 46',
      startedAt: '2026-11-01T06:30:00.000Z',
      dueAt: '2026-11-02T06:30:00.000Z',
      state: 'warned',
      stopReason: null,
    },
  ],
  breaches: [breach(annotate)],
});

describe('CaseClocks', { timeout: 30_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each clock with its due time in Jalali, and the breach with the chief\u2019s form', async () => {
    const fetch = stubApi({
      'GET /api/cases/case-1/clocks': () => jsonResponse(200, answer(true)),
      'POST /api/breaches/b1/annotations': () => jsonResponse(200, breach(true)),
    });
    renderInApp(<CaseClocks caseId="case-1" />);
    const section = await screen.findByTestId('case-clocks', {}, { timeout: 10_000 });
    await waitFor(() => expect(section.textContent).toContain('مهلت ۲۴ ساعته‌ی تحت نظر'));
    expect(section.textContent).toContain(
      formatJalaliDateTime(new Date('2026-11-02T06:30:00.000Z')).replace(',', '،'),
    );
    expect(section.textContent).toContain('هشدار داده شد');
    expect((await screen.findByTestId('breach', {}, { timeout: 10_000 })).textContent).toContain(
      'مهلت ارسال شکایت',
    );
    fireEvent.change(screen.getByLabelText('توجیه رئیس'), { target: { value: 'شاکی مدارک را دیر آورد' } });
    fireEvent.click(screen.getByRole('button', { name: 'ثبت توجیه' }));
    await waitFor(() =>
      expect(
        fetch.mock.calls.some(
          ([url, init]) => url === '/api/breaches/b1/annotations' && init?.method === 'POST',
        ),
      ).toBe(true),
    );
    const posted = fetch.mock.calls.find(([url]) => url === '/api/breaches/b1/annotations');
    expect(JSON.parse(String(posted?.[1]?.body))).toEqual({ note: 'شاکی مدارک را دیر آورد' });
  });

  it('offers no justification form when the breach does not allow it', async () => {
    stubApi({ 'GET /api/cases/case-1/clocks': () => jsonResponse(200, answer(false)) });
    renderInApp(<CaseClocks caseId="case-1" />);
    await screen.findByTestId('breach', {}, { timeout: 10_000 });
    expect(screen.queryByLabelText('توجیه رئیس')).toBeNull();
  });
});
