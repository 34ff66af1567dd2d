import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../test/app.js';
import { runCli } from '../../test/cli.js';
import { useTestDatabase } from '../../test/db.js';
import { makeOrganisation } from '../../test/factories.js';
import type { App } from '../server/platform/http/fastify-app.js';
import type { Db } from '../server/db/client.js';

describe('casebridge users add', () => {
  let db: Db;
  let url: string;
  let app: App;
  let orgCode: string;

  beforeAll(async () => {
    ({ db, url } = await useTestDatabase());
    ({ app } = await useTestApp(db));
    orgCode = (await makeOrganisation(db)).code;
  });

  it('creates a user with --password who can then sign in', async () => {
    const run = await runCli(
      [
        'users',
        'add',
        '--org',
        orgCode,
        '--username',
        'cli-officer',
        '--role',
        'station.officer',
        '--name',
        'ستوان علی محمدی',
        '--password',
        'a long password',
      ],
      { env: { DATABASE_URL: url } },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(`created user cli-officer (station.officer) in ${orgCode}`);
    await expect(signIn(app, 'cli-officer', 'a long password')).resolves.toMatch(/^cb_session=/);
    const row = await db
      .selectFrom('users')
      .select(['display_name', 'is_demo'])
      .where('username', '=', 'cli-officer')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ display_name: 'ستوان علی محمدی', is_demo: false });
  });

  it('reads the password from the first line of stdin when --password is left out', async () => {
    const run = await runCli(
      [
        'users',
        'add',
        '--org',
        orgCode,
        '--username',
        'cli-chief',
        '--role',
        'station.chief',
        '--name',
        'سرگرد رضا کریمی',
      ],
      {
        env: { DATABASE_URL: url },
        input: 'piped password 123\nignored second line\n',
      },
    );
    expect(run.code).toBe(0);
    await expect(signIn(app, 'cli-chief', 'piped password 123')).resolves.toMatch(/^cb_session=/);
  });

  it('records the creation in the audit log with no actor (the operator on the machine)', async () => {
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'cli-officer')
      .executeTakeFirstOrThrow();
    const entry = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.created')
      .where('resource_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(entry.actor_user_id).toBeNull();
  });

  it('refuses an unknown role, a short password, an unknown organisation and a taken username with exit 1', async () => {
    const base = ['users', 'add', '--name', 'کسی'];
    const env = { DATABASE_URL: url };
    const badRole = await runCli(
      [
        ...base,
        '--org',
        orgCode,
        '--username',
        'someone',
        '--role',
        'sheriff',
        '--password',
        'a long password',
      ],
      { env },
    );
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('--role');
    const short = await runCli(
      [
        ...base,
        '--org',
        orgCode,
        '--username',
        'someone',
        '--role',
        'station.officer',
        '--password',
        'short',
      ],
      { env },
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('users.password_too_short');
    const noOrg = await runCli(
      [
        ...base,
        '--org',
        'NO-SUCH-ORG',
        '--username',
        'someone',
        '--role',
        'station.officer',
        '--password',
        'a long password',
      ],
      { env },
    );
    expect(noOrg.code).toBe(1);
    expect(noOrg.stderr).toContain('no organisation with code NO-SUCH-ORG');
    const taken = await runCli(
      [
        ...base,
        '--org',
        orgCode,
        '--username',
        'cli-officer',
        '--role',
        'station.officer',
        '--password',
        'a long password',
      ],
      { env },
    );
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('username cli-officer is taken');
    for (const run of [badRole, short, noOrg, taken]) expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
