import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../test/app.js';
import { useTestDatabase } from '../../../test/db.js';
import { makeNationalId, makeStationUser } from '../../../test/factories.js';
import type { App } from './http/fastify-app.js';
import { createLogger } from './logger.js';

describe('the node\u2019s logs', () => {
  const lines: string[] = [];
  let app: App;
  let cookie: string;

  beforeAll(async () => {
    const { db } = await useTestDatabase();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    ({ app } = await useTestApp(db, { log: createLogger('info', sink) }));
    const { user } = await makeStationUser(db);
    cookie = await signIn(app, user.username);
  });

  it('record requests by method, path and status, without query strings, bodies, cookies or names', async () => {
    const nationalId = makeNationalId();
    await app.inject({
      method: 'GET',
      url: `/api/cases?q=${encodeURIComponent('مریم احمدی')}`,
      headers: { cookie },
    });
    await app.inject({
      method: 'GET',
      url: `/api/public/tracking?code=K7M-4QX-9TR&nationalId=${nationalId}`,
    });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'someone', password: 'secret password 1' },
    });
    const text = lines.join('');
    expect(text).toContain('"path":"/api/cases"');
    expect(text).toContain('"statusCode":200');
    for (const secret of [
      nationalId,
      'K7M-4QX-9TR',
      encodeURIComponent('مریم'),
      'مریم',
      'secret password 1',
      'cb_session',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
