import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/app.js';
import { useTestDatabase } from '../../test/db.js';
import type { App } from './platform/http/fastify-app.js';

const { db } = await useTestDatabase();
let app: App;

describe('requests the node cannot route', () => {
  beforeAll(async () => {
    ({ app } = await useTestApp(db));
  });

  it('answers a URL that does not decode with 400 in the API’s shape, without echoing it', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/cases/%ED%A0%80/receipt?q=%' });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('request.invalid');
    expect(response.body).not.toContain('%ED');
  });

  it('names the method and path of an unknown route, never its query string', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/nothing-here?secret=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'request.invalid', message: 'No route GET /api/nothing-here' },
    });
  });
});
