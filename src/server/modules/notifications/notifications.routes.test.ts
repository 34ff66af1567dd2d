import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeStationUser, makeUser } from '../../../../test/factories.js';
import { notificationSchema, type AppNotification } from '../../../domain/notifications.schema.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { App } from '../../platform/http/fastify-app.js';
import { notifyUsers, type Recipient } from './notifications.usecase.js';
import type { Notifications } from './notification-service.usecase.js';

/** Reads server-sent events from a streaming response until `count` have come (or the time is up). */
async function readEvents(body: ReadableStream<Uint8Array>, count: number, timeoutMs = 5000) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: { id: string; data: AppNotification }[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (events.length < count && Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now()))),
    ]);
    if (!chunk || chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const id = /^id: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (id && data) events.push({ id, data: notificationSchema.parse(JSON.parse(data)) });
    }
  }
  await reader.cancel();
  return events;
}

describe('the notification centre and its live stream', () => {
  let db: Db;
  let app: App;
  let url: string;
  let notifications: Notifications;
  let cookie: string;
  let otherCookie: string;
  let me: Recipient;
  let orgId: string;

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    const test = await useTestApp(db);
    app = test.app;
    notifications = test.deps.notifications;
    const made = await makeStationUser(db);
    orgId = made.station.id;
    me = { id: made.user.id, phone: null, notify_channels: ['in_app'] };
    cookie = await signIn(app, made.user.username);
    const other = await makeUser(db, orgId, 'station.chief');
    otherCookie = await signIn(app, other.username);
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => notifications.hub.close());

  const notify = (n: number) =>
    inTransaction(db, (tx) =>
      notifyUsers(tx, {
        recipients: [me],
        orgId,
        kind: 'clock.alert',
        clockId: null,
        caseId: null,
        details: { n },
        text: `هشدار ${n}`,
        now: new Date(),
      }),
    );
  const get = (path: string, as = cookie) =>
    app.inject({ method: 'GET', url: path, headers: { cookie: as } });

  it('lists the user’s notifications newest first with the unread count, and marks them read', async () => {
    await notify(1);
    await notify(2);
    const list = await get('/api/notifications');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: AppNotification) => i.details.n)).toEqual([2, 1]);
    expect(list.json().unread).toBe(2);
    // Another user's list is their own; marking read by id touches only the user's own notifications.
    expect((await get('/api/notifications', otherCookie)).json()).toEqual({ items: [], unread: 0 });
    const first = list.json().items[1].id as string;
    const byOther = await app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: { cookie: otherCookie },
      payload: { ids: [first] },
    });
    expect(byOther.json()).toEqual({ marked: 0 });
    const read = await app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: { cookie },
      payload: { ids: [first] },
    });
    expect(read.json()).toEqual({ marked: 1 });
    expect((await get('/api/notifications')).json().unread).toBe(1);
    await app.inject({ method: 'POST', url: '/api/notifications/read', headers: { cookie }, payload: {} });
    expect((await get('/api/notifications')).json().unread).toBe(0);
  });

  it('refuses the list and the stream without a session', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    expect((await fetch(`${url}/api/notifications/stream`)).status).toBe(401);
  });

  it('streams new notifications as text/event-stream, and resumes after Last-Event-ID', async () => {
    const before = (await get('/api/notifications')).json().items[0].seq as number;
    const res = await fetch(`${url}/api/notifications/stream`, {
      headers: { cookie, 'last-event-id': String(before) },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reading = readEvents(res.body!, 2);
    await notify(3);
    notifications.hub.ring();
    await notify(4); // not rung: the hub's watch of the newest number brings it
    const events = await reading;
    expect(events.map((e) => e.data.details.n)).toEqual([3, 4]);
    expect(events.map((e) => Number(e.id))).toEqual(events.map((e) => e.data.seq));

    // A reconnection with the last id it saw gets what came after, and nothing twice.
    await notify(5);
    const again = await fetch(`${url}/api/notifications/stream`, {
      headers: { cookie, 'last-event-id': events[0]!.id },
    });
    expect((await readEvents(again.body!, 2)).map((e) => e.data.details.n)).toEqual([4, 5]);
  });

  it('keeps the phone number and channels in the profile, refusing a number that is no Iranian mobile', async () => {
    const put = (payload: Record<string, unknown>) =>
      app.inject({ method: 'PUT', url: '/api/notifications/settings', headers: { cookie }, payload });
    const bad = await put({ phone: '0212345678', channels: ['sms'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('users.invalid_phone');
    expect(JSON.stringify(bad.json().error)).toContain('phone');
    const noPhone = await put({ phone: null, channels: ['sms'] });
    expect(noPhone.statusCode).toBe(400);
    expect(noPhone.json().error.code).toBe('users.sms_needs_phone');
    expect((await get('/api/notifications/settings')).json()).toEqual({ phone: null, channels: ['in_app'] });
    const ok = await put({ phone: '+98 ۹۱۲ ۱۲۳ ۴۵۶۷', channels: ['sms'] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await get('/api/notifications/settings')).json()).toEqual({
      phone: '09121234567',
      channels: ['in_app', 'sms'],
    });
  });
});
