import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { ConfigError } from './platform/config-error.js';

describe('configuration', () => {
  it('uses documented defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      nodeId: 'node-1',
      logLevel: 'info',
      databaseUrl: undefined,
    });
    expect(config.dataDir).toMatch(/data$/);
    expect(config.databasePoolSize).toBe(2 * os.availableParallelism() + 1);
  });

  it('keeps documents on disk by default, and in a named S3 bucket with BLOB_STORE=s3', () => {
    expect(loadConfig({ DATA_DIR: '/srv/cb' }).blobStore).toEqual({ kind: 'disk', root: '/srv/cb/blobs' });
    const s3 = loadConfig({
      BLOB_STORE: 's3',
      S3_BUCKET: 'documents',
      S3_ENDPOINT: 'http://minio.intranet:9000',
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: 'id',
      AWS_SECRET_ACCESS_KEY: 'secret',
    }).blobStore;
    expect(s3).toEqual({
      kind: 's3',
      bucket: 'documents',
      region: 'us-east-1',
      endpoint: 'http://minio.intranet:9000',
      forcePathStyle: true,
      prefix: '',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret', sessionToken: undefined },
    });
    expect(() => loadConfig({ BLOB_STORE: 's3' })).toThrow(/S3_BUCKET: BLOB_STORE=s3 needs/);
    expect(() => loadConfig({ BLOB_STORE: 'tape' })).toThrow(/BLOB_STORE/);
    expect(() => loadConfig({ BLOB_STORE: 's3', S3_BUCKET: 'b', S3_ENDPOINT: 'minio:9000' })).toThrow(
      /S3_ENDPOINT/,
    );
    expect(() => loadConfig({ BLOB_STORE: 's3', S3_BUCKET: 'b', AWS_ACCESS_KEY_ID: 'id' })).toThrow(
      /AWS_ACCESS_KEY_ID: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together/,
    );
  });

  it('takes a pool size of 1 to 200 connections and refuses anything else', () => {
    expect(loadConfig({ DATABASE_POOL_SIZE: '4' }).databasePoolSize).toBe(4);
    for (const bad of ['0', '201', '2.5', 'many'])
      expect(() => loadConfig({ DATABASE_POOL_SIZE: bad })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('batches and times out the database’s statements by default, longer for maintenance, as told otherwise', () => {
    const config = loadConfig({});
    expect(config.databaseClient).toEqual({
      batching: true,
      timeouts: { statementMs: 3000, lockMs: 2000, idleInTransactionMs: 30_000, acquireMs: 3000 },
    });
    expect(config.databaseMaintenanceClient).toEqual({
      batching: true,
      timeouts: { statementMs: 600_000, lockMs: 600_000, idleInTransactionMs: 30_000, acquireMs: 3000 },
    });
    const told = loadConfig({
      DATABASE_BATCHING: 'false',
      DATABASE_STATEMENT_TIMEOUT_MS: '4000',
      DATABASE_LOCK_TIMEOUT_MS: '1000',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '60000',
      DATABASE_ACQUIRE_TIMEOUT_MS: '2000',
      DATABASE_MAINTENANCE_STATEMENT_TIMEOUT_MS: '0',
    });
    expect(told.databaseClient).toEqual({
      batching: false,
      timeouts: { statementMs: 4000, lockMs: 1000, idleInTransactionMs: 60_000, acquireMs: 2000 },
    });
    expect(told.databaseMaintenanceClient.timeouts).toMatchObject({ statementMs: 0, lockMs: 0 });
    for (const [name, bad] of [
      ['DATABASE_BATCHING', 'yes'],
      ['DATABASE_STATEMENT_TIMEOUT_MS', '0'],
      ['DATABASE_ACQUIRE_TIMEOUT_MS', 'soon'],
    ] as const)
      expect(() => loadConfig({ [name]: bad })).toThrow(new RegExp(name));
  });

  it('serves HTTPS only with both a certificate and a key, and then sets cookies Secure unless told not to', () => {
    expect(loadConfig({})).toMatchObject({ tls: null, tlsCaFile: null, cookieSecure: false });
    const tls = loadConfig({ TLS_CERT_FILE: '/etc/cb/node.crt', TLS_KEY_FILE: '/etc/cb/node.key' });
    expect(tls).toMatchObject({
      tls: { certFile: '/etc/cb/node.crt', keyFile: '/etc/cb/node.key' },
      cookieSecure: true,
    });
    expect(loadConfig({ TLS_CERT_FILE: '/c', TLS_KEY_FILE: '/k', COOKIE_SECURE: 'false' }).cookieSecure).toBe(
      false,
    );
    expect(loadConfig({ TLS_CA_FILE: '/etc/cb/intranet-ca.pem' }).tlsCaFile).toBe('/etc/cb/intranet-ca.pem');
    for (const half of [{ TLS_CERT_FILE: '/c' }, { TLS_KEY_FILE: '/k' }])
      expect(() => loadConfig(half)).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE go together/);
  });

  it('reads the variables under their exact names', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/x',
      DATABASE_URL: 'postgres://u@h/db',
      NODE_ID: 'police-tehran',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/tmp/x',
      databaseUrl: 'postgres://u@h/db',
      nodeId: 'police-tehran',
      logLevel: 'warn',
    });
  });

  it('names every invalid variable in one clear message', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', NODE_ID: 'Bad Id' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', NODE_ID: 'Bad Id' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('NODE_ID');
    }
  });

  it('throttles sign-ins per username and address by default, and refuses the old lock-out setting', () => {
    expect(loadConfig({})).toMatchObject({
      loginMaxFailures: 5,
      loginIpMaxFailures: 20,
      loginThrottleSeconds: 30,
      loginMaxWaitMinutes: 60,
      trustedProxies: [],
    });
    expect(() => loadConfig({ LOGIN_LOCK_MINUTES: '15' })).toThrow(
      /LOGIN_LOCK_MINUTES.*LOGIN_THROTTLE_SECONDS/s,
    );
  });

  it('believes X-Forwarded-For only from the listed proxies', () => {
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.5, 192.168.1.0/24' }).trustedProxies).toEqual([
      '10.0.0.5',
      '192.168.1.0/24',
    ]);
  });

  it('requires TOTP of administrators unless told otherwise, and of no role when set empty', () => {
    expect(loadConfig({}).totpRequiredRoles).toEqual(['admin']);
    expect(loadConfig({ TOTP_REQUIRED_ROLES: '' }).totpRequiredRoles).toEqual([]);
    expect(loadConfig({ TOTP_REQUIRED_ROLES: 'admin,station.chief' }).totpRequiredRoles).toEqual([
      'admin',
      'station.chief',
    ]);
    expect(() => loadConfig({ TOTP_REQUIRED_ROLES: 'admin,boss' })).toThrow(/TOTP_REQUIRED_ROLES.*boss/);
  });
});
