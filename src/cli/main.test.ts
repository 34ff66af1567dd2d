import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';

describe('the casebridge command line', () => {
  it('prints an invalid configuration as one message, without a stack trace, and exits 1', async () => {
    const run = await runCli(['orgs', 'list'], { env: { PORT: 'not-a-port', NODE_ID: 'Bad Id' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Invalid configuration:');
    expect(run.stderr).toContain('PORT');
    expect(run.stderr).toContain('NODE_ID');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('lists its commands in --help', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed', 'users', 'orgs', 'audit'])
      expect(run.stdout).toContain(command);
  });

  it('refuses to seed without --demo', async () => {
    const run = await runCli(['seed'], { env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('pass --demo');
  });
});
