import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../test/db.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { fixedClock } from '../../platform/clock.js';
import { createLogger } from '../../platform/logger.js';
import { deliverDueNotifications } from './notification-delivery.worker.js';
import { queueOutboundMessage } from './notifications.usecase.js';
import { findDeliveriesTo } from './notifications.repository.js';
import { createSmsGatewayNotifier } from './sms-gateway-notifier.usecase.js';

/** A local SMS gateway whose answers the test sets, recording what it was sent. */
function fakeGateway() {
  const received: { to: string; text: string; reference: string; authorization: string | undefined }[] = [];
  let answer: (res: http.ServerResponse) => void = (res) => res.writeHead(200).end('{"ok":true}');
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({
        ...(JSON.parse(body) as { to: string; text: string; reference: string }),
        authorization: req.headers.authorization,
      });
      answer(res);
    });
  });
  return {
    received,
    answerWith: (next: (res: http.ServerResponse) => void) => (answer = next),
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/send`),
        ),
      ),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('the HTTP SMS gateway notifier, against a local gateway', () => {
  let db: Db;
  let url: string;
  const gateway = fakeGateway();
  const log = createLogger('silent');
  const clock = fixedClock('2026-11-01T08:00:00Z');
  let phoneCounter = 1000000;
  const phone = () => `0912${++phoneCounter}`;

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    url = await gateway.start();
  });
  afterAll(() => gateway.stop());

  const queue = (to: string) =>
    inTransaction(db, (tx) =>
      queueOutboundMessage(tx, { purpose: 'test', to, text: 'پیام آزمایشی', now: clock.now() }),
    );
  const notifier = (timeoutMs = 2000) => createSmsGatewayNotifier({ url, token: 's3cret', timeoutMs });
  const deliver = (timeoutMs?: number) =>
    deliverDueNotifications({
      db,
      clock,
      log,
      notifier: notifier(timeoutMs),
      policy: { baseDelayMs: 1000, maxAttempts: 3 },
    });

  it('sends the number, the text and its reference with the bearer token, and records the message as sent', async () => {
    const to = phone();
    await queue(to);
    gateway.answerWith((res) => res.writeHead(202).end());
    await deliver();
    const [row] = await findDeliveriesTo(db, to);
    expect(row).toMatchObject({ status: 'sent', notifier: 'sms', attempts: 1, last_error: null });
    expect(gateway.received.find((r) => r.to === to)).toMatchObject({
      text: 'پیام آزمایشی',
      reference: row?.id,
      authorization: 'Bearer s3cret',
    });
  });

  it('retries a 503 and a timeout with back-off, then gives up after its tries, each attempt recorded', async () => {
    const to = phone();
    await queue(to);
    gateway.answerWith((res) => res.writeHead(503).end('busy'));
    await deliver();
    let [row] = await findDeliveriesTo(db, to);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'sms.http_503: busy' });
    expect(new Date(row!.next_attempt_at).getTime() - clock.now().getTime()).toBe(1000);
    await deliver(); // not due yet: nothing tried
    expect((await findDeliveriesTo(db, to))[0]?.attempts).toBe(1);

    clock.advance(1000);
    gateway.answerWith(() => undefined); // never answers
    await deliver(200);
    [row] = await findDeliveriesTo(db, to);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row?.last_error).toMatch(/^sms\.timeout/);

    clock.advance(2000);
    gateway.answerWith((res) => res.writeHead(500).end());
    await deliver();
    [row] = await findDeliveriesTo(db, to);
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('does not retry a refusal (400, 401): the message is failed with the gateway’s reason', async () => {
    const to = phone();
    await queue(to);
    gateway.answerWith((res) => res.writeHead(401).end('bad token'));
    await deliver();
    expect((await findDeliveriesTo(db, to))[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'sms.http_401: bad token',
    });
  });

  it('retries a gateway that cannot be reached, and sends once it is back', async () => {
    const to = phone();
    await queue(to);
    const down = createSmsGatewayNotifier({ url: 'http://127.0.0.1:1/send', token: null, timeoutMs: 1000 });
    await deliverDueNotifications({ db, clock, log, notifier: down, policy: { baseDelayMs: 1000 } });
    expect((await findDeliveriesTo(db, to))[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await findDeliveriesTo(db, to))[0]?.last_error).toMatch(/^sms\.unreachable/);
    clock.advance(1000);
    gateway.answerWith((res) => res.writeHead(200).end());
    await deliver();
    expect((await findDeliveriesTo(db, to))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
