import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.js';

/** An error as pg or Node hands it on: a message, and a SQLSTATE or a socket's code and syscall. */
const failure = (message: string, fields: Record<string, string> = {}) =>
  Object.assign(new Error(message), fields);

describe('isDatabaseUnavailable', () => {
  it('says yes to what a stalled, stopped, restarting or overloaded database answers', () => {
    for (const error of [
      failure('canceling statement due to statement timeout', { code: '57014' }),
      failure('canceling statement due to lock timeout', { code: '55P03' }),
      failure('terminating connection due to administrator command', { code: '57P01' }),
      failure('the database system is starting up', { code: '57P03' }),
      failure('sorry, too many clients already', { code: '53300' }),
      failure('connection failure', { code: '08006' }),
      failure('terminating connection due to idle-in-transaction timeout', { code: '25P03' }),
      failure('Query read timeout'),
      failure('timeout exceeded when trying to connect'),
      failure('Connection terminated due to connection timeout'),
      failure('Connection terminated unexpectedly'),
      failure('Client has encountered a connection error and is not queryable'),
      failure('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED', syscall: 'connect' }),
      failure('connect ENOENT /data/postgres/.s.PGSQL.5432', { code: 'ENOENT', syscall: 'connect' }),
      failure('read ECONNRESET', { code: 'ECONNRESET', syscall: 'read' }),
    ])
      expect(isDatabaseUnavailable(error), error.message).toBe(true);
  });

  it('says no to a fault of the request or the code, and to a missing file', () => {
    for (const error of [
      failure('duplicate key value violates unique constraint', { code: '23505' }),
      failure('invalid byte sequence for encoding "UTF8": 0x00', { code: '22021' }),
      failure('syntax error at or near "selec"', { code: '42601' }),
      failure('prepared statement "cb13" does not exist', { code: '26000' }),
      failure("ENOENT: no such file or directory, open '/data/blobs/ab/cd'", {
        code: 'ENOENT',
        syscall: 'open',
      }),
      failure('fetch failed'),
      new Error('anything else'),
    ])
      expect(isDatabaseUnavailable(error), error.message).toBe(false);
    expect(isDatabaseUnavailable('Query read timeout')).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
