import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, signIn } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeOrganisation, makeUser } from '../../../../test/factories.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { Db } from '../../db/client.js';
import { tokenHash } from './auth.usecase.js';

const tokenOf = (cookie: string) => cookie.slice('cb_session='.length);

describe('extending a session before it ends', () => {
  let app: App;
  let db: Db;
  let username: string;

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    ({ app } = await useTestApp(db));
    const org = await makeOrganisation(db);
    username = (await makeUser(db, org.id, 'station.officer')).username;
  });

  const sessionRow = (cookie: string) =>
    db
      .selectFrom('sessions')
      .select(['expires_at', 'revoked_at'])
      .where('token_hash', '=', tokenHash(tokenOf(cookie)))
      .executeTakeFirstOrThrow();
  const extensions = async () =>
    Number(
      (
        await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('action', '=', 'auth.session_extended')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('says on every signed-in answer when the session ends', async () => {
    const cookie = await signIn(app, username);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.headers['x-session-expires-at']).toBe(me.json().expiresAt);
    expect(new Date(me.json().expiresAt).getTime()).toBe((await sessionRow(cookie)).expires_at.getTime());
    const anon = await app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(anon.headers['x-session-expires-at']).toBeUndefined();
  });

  it('moves the end to a whole lifetime from now, audited, and renews the cookie', async () => {
    const cookie = await signIn(app, username);
    // The session as if it were about to end: four minutes left.
    const soon = new Date(Date.now() + 4 * 60_000);
    await db
      .updateTable('sessions')
      .set({ expires_at: soon })
      .where('token_hash', '=', tokenHash(tokenOf(cookie)))
      .execute();
    const before = await extensions();
    const res = await app.inject({ method: 'POST', url: '/api/auth/session/extend', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const expiresAt = new Date(res.json().expiresAt);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(60 * 60_000);
    expect((await sessionRow(cookie)).expires_at.getTime()).toBe(expiresAt.getTime());
    expect(res.headers['x-session-expires-at']).toBe(expiresAt.toISOString());
    expect(res.cookies.find((c) => c.name === 'cb_session')?.expires?.getTime()).toBe(
      Math.floor(expiresAt.getTime() / 1000) * 1000,
    );
    expect(res.json().user.username).toBe(username);
    expect(await extensions()).toBe(before + 1);
  });

  it('refuses an ended, a revoked or no session with 401, extending and auditing nothing', async () => {
    const ended = await signIn(app, username);
    const past = new Date(Date.now() - 1000);
    await db
      .updateTable('sessions')
      .set({ expires_at: past })
      .where('token_hash', '=', tokenHash(tokenOf(ended)))
      .execute();
    const revoked = await signIn(app, username);
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: revoked } });
    const revokedAt = (await sessionRow(revoked)).expires_at;
    const before = await extensions();
    for (const headers of [{ cookie: ended }, { cookie: revoked }, {}]) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/session/extend', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('auth.unauthenticated');
    }
    expect((await sessionRow(ended)).expires_at.getTime()).toBe(past.getTime());
    expect((await sessionRow(revoked)).expires_at.getTime()).toBe(revokedAt.getTime());
    expect(await extensions()).toBe(before);
  });
});
