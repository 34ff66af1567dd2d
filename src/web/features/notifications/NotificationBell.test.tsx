import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppNotification } from '../../../domain/notifications.schema.js';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { NotificationBell } from './NotificationBell.js';

const alert = (id: string, seq: number, fields: Partial<AppNotification> = {}): AppNotification => ({
  id,
  seq,
  kind: 'clock.alert',
  clockId: 'c1',
  caseId: 'case-1',
  details: { clockKind: 'custody', beforeSeconds: 3600, caseRef: '1405/000123', late: false },
  createdAt: '2026-11-01T08:00:00.000Z',
  readAt: null,
  ...fields,
});

/** A stand-in for the browser's EventSource: the test sends the stream's events. */
class FakeEventSource {
  static last: FakeEventSource | null = null;
  readonly listeners = new Map<string, () => void>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, listener: () => void) {
    this.listeners.set(type, listener);
  }
  removeEventListener(type: string) {
    this.listeners.delete(type);
  }
  close() {
    this.closed = true;
  }
  emit(type: string) {
    this.listeners.get(type)?.();
  }
}

describe('NotificationBell', { timeout: 30_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the unread count in Persian digits, the list, and marks all read', async () => {
    let items = [
      alert('n2', 2),
      alert('n1', 1, { kind: 'clock.breached', readAt: '2026-11-01T09:00:00.000Z' }),
    ];
    const fetch = stubApi({
      'GET /api/notifications': () =>
        jsonResponse(200, { items, unread: items.filter((n) => !n.readAt).length }),
      'POST /api/notifications/read': () => {
        items = items.map((n) => ({ ...n, readAt: n.readAt ?? '2026-11-01T10:00:00.000Z' }));
        return jsonResponse(200, { marked: 1 });
      },
    });
    vi.stubGlobal('EventSource', FakeEventSource);
    renderInApp(<NotificationBell />);
    const bell = await screen.findByRole('button', { name: 'اعلان‌ها: ۱ خوانده‌نشده' }, { timeout: 10_000 });
    expect(bell.textContent).toContain('۱');
    fireEvent.click(bell);
    const list = await screen.findByTestId('notification-list', {}, { timeout: 10_000 });
    expect(list.textContent).toContain(
      '۱ ساعت تا پایان مهلت ۲۴ ساعته‌ی تحت نظر پرونده‌ی ۱۴۰۵/۰۰۰۱۲۳ مانده است.',
    );
    expect(list.textContent).toContain('مهلت ۲۴ ساعته‌ی تحت نظر پرونده‌ی ۱۴۰۵/۰۰۰۱۲۳ گذشت و تخلف ثبت شد.');
    expect(list.textContent).not.toMatch(/[A-Za-z]/);
    fireEvent.click(screen.getByRole('button', { name: 'همه خوانده شد' }));
    await screen.findByRole('button', { name: 'اعلان‌ها: ۰ خوانده‌نشده' }, { timeout: 10_000 });
    const posted = fetch.mock.calls.find(
      ([url, init]) => url === '/api/notifications/read' && init?.method === 'POST',
    );
    expect(JSON.parse(String(posted?.[1]?.body))).toEqual({});
  });

  it('reads the list again when the stream pushes a notification (no polling), and closes the stream when gone', async () => {
    let items: AppNotification[] = [];
    const fetch = stubApi({
      'GET /api/notifications': () => jsonResponse(200, { items, unread: items.length }),
    });
    vi.stubGlobal('EventSource', FakeEventSource);
    const { unmount } = renderInApp(<NotificationBell />);
    await screen.findByRole('button', { name: 'اعلان‌ها: ۰ خوانده‌نشده' }, { timeout: 10_000 });
    const stream = FakeEventSource.last!;
    expect(stream.url).toBe('/api/notifications/stream');
    const reads = () => fetch.mock.calls.filter(([url]) => url === '/api/notifications').length;
    expect(reads()).toBe(1);
    items = [alert('n3', 3)];
    stream.emit('notification');
    await screen.findByRole('button', { name: 'اعلان‌ها: ۱ خوانده‌نشده' }, { timeout: 10_000 });
    await waitFor(() => expect(reads()).toBe(2));
    unmount();
    expect(stream.closed).toBe(true);
  });
});
