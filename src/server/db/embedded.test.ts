import { describe, expect, it } from 'vitest';
import { embeddedUrl } from './embedded.js';

describe('the URL of the embedded PostgreSQL', () => {
  it('goes through the Unix socket in the cluster folder', () => {
    const url = new URL(embeddedUrl({ dir: '/var/lib/casebridge/postgres', port: 54123, password: 'pw' }));
    expect(url.searchParams.get('host')).toBe('/var/lib/casebridge/postgres');
    expect(url.port).toBe('54123'); // names the socket file: .s.PGSQL.54123
    expect(url.pathname).toBe('/postgres');
  });

  it('falls back to 127.0.0.1 when the folder is too long for a socket path', () => {
    const url = new URL(embeddedUrl({ dir: `/data/${'x'.repeat(100)}`, port: 54123, password: 'pw' }));
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.has('host')).toBe(false);
  });
});
