import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseSummary } from '../../../domain/cases/case.schema.js';
import { jsonResponse, signedInAs, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { highlightParts } from '../../components/highlight.js';
import { CaseListPage } from './CaseListPage.js';

const summary = (id: string, partyNames: string[]): CaseSummary => ({
  id,
  caseNumber: `1405/00000${id}`,
  trackingCode: null,
  origin: 'complaint',
  status: 'draft',
  crimeCategoryCode: null,
  createdAt: '2026-04-01T08:00:00.000Z',
  sentAt: null,
  inCustody: false,
  custodyDeadlineAt: null,
  partyNames,
  allowed: {} as CaseSummary['allowed'],
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the matched part of a name', () => {
  it('is found across ی/ي، ک/ك، ة/ه، ZWNJ / space / none, tashdid and digits', () => {
    const marked = (text: string, q: string) =>
      highlightParts(text, q)
        .filter((p) => p.match)
        .map((p) => p.text);
    expect(marked('علي كاظمي', 'کاظمی')).toEqual(['كاظمي']);
    expect(marked('فاطمة رضایی', 'فاطمه')).toEqual(['فاطمة']);
    expect(marked('محمد\u200cرضا احمدی', 'محمدرضا')).toEqual(['محمد\u200cرضا']);
    expect(marked('محمدرضا احمدی', 'محمد رضا')).toEqual(['محمدرضا']);
    expect(marked('مُحمّد کرّوبی', 'کروبی')).toEqual(['کرّوبی']);
    expect(marked('پلاک ۱۲۳', '123')).toEqual(['۱۲۳']);
    expect(highlightParts('علی رضایی', 'حسینی')).toEqual([{ text: 'علی رضایی', match: false }]);
    expect(highlightParts('علی رضایی', '  ')).toEqual([{ text: 'علی رضایی', match: false }]);
  });
});

describe('the case list', () => {
  it('searches as the user types (debounced, the request before cancelled), marks the match, pages by keyset', async () => {
    const asked: { url: string; signal: AbortSignal | null | undefined }[] = [];
    stubApi({
      'GET /api/reference/crime-categories': () => jsonResponse(200, []),
      'GET /api/cases': (url, init) => {
        asked.push({ url, signal: init?.signal });
        const q = new URL(url, 'http://x').searchParams;
        if (q.get('cursor') === 'second')
          return jsonResponse(200, { items: [summary('3', ['مریم کاظمی'])], next: null });
        if (q.get('q')) return jsonResponse(200, { items: [summary('2', ['علي كاظمي'])], next: 'second' });
        // The first page of everything never answers before the user has typed on.
        return new Promise<Response>((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        );
      },
    });
    renderInApp(<CaseListPage />);
    await waitFor(() => expect(asked).toHaveLength(1));
    const box = screen.getByRole('searchbox');
    fireEvent.change(box, { target: { value: 'ک' } });
    fireEvent.change(box, { target: { value: 'کاظ' } });
    fireEvent.change(box, { target: { value: 'کاظمی' } });
    // The filters' selects make the first render heavier: a loaded machine takes more than waitFor's default second.
    await waitFor(() => expect(screen.getByText('كاظمي').tagName).toBe('MARK'), { timeout: 5000 });
    // One request for what was typed once the typing paused, none per key; the unanswered one was cancelled.
    expect(asked.map((a) => new URL(a.url, 'http://x').searchParams.get('q'))).toEqual([null, 'کاظمی']);
    expect(asked[0]?.signal?.aborted).toBe(true);
    // Pages: "page ۱", next, "page ۲" — never a count of every match.
    expect(screen.getByText('صفحهٔ ۱')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'بعدی' }));
    await waitFor(() => expect(screen.getByText('صفحهٔ ۲')).toBeTruthy(), { timeout: 5000 });
    await waitFor(() => expect(screen.getByText('کاظمی').tagName).toBe('MARK'), { timeout: 5000 });
    expect(new URL(asked.at(-1)?.url ?? '', 'http://x').searchParams.get('cursor')).toBe('second');
    expect(screen.queryByText(/از ۱/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'قبلی' }));
    await waitFor(() => expect(screen.getByText('صفحهٔ ۱')).toBeTruthy());
  });
});

describe('the case list\u2019s filters', () => {
  it('are read from the URL (unknown values dropped) and sent to the API, Jalali days as Tehran instants', async () => {
    const asked: string[] = [];
    stubApi({
      'GET /api/auth/me': signedInAs('station.chief'),
      'GET /api/reference/crime-categories': () => jsonResponse(200, []),
      'GET /api/cases': (url) => {
        asked.push(url);
        return jsonResponse(200, { items: [summary('1', ['علی'])], next: null });
      },
    });
    window.location.hash =
      '#/cases?queue=awaiting_approval&status=eaten&fromDay=۱۴۰۵/۰۱/۰۱&toDay=1405/01/01&mine=true&sort=oldest';
    renderInApp(<CaseListPage />);
    await waitFor(() =>
      expect(asked.some((u) => new URL(u, 'http://x').searchParams.get('officer') === 'u1')).toBe(true),
    );
    const q = new URL(asked.at(-1) ?? '', 'http://x').searchParams;
    expect(Object.fromEntries(q)).toMatchObject({
      queue: 'awaiting_approval',
      from: '2026-03-20T20:30:00.000Z',
      to: '2026-03-21T20:30:00.000Z',
      officer: 'u1',
      sort: 'oldest',
    });
    expect(q.get('status')).toBeNull();
    // Clearing the filters writes the URL back to the bare list.
    fireEvent.click(await screen.findByRole('button', { name: 'پاک کردن پالایه‌ها' }));
    await waitFor(() => expect(window.location.hash).toBe('#/cases'));
    window.location.hash = '';
  });
});
