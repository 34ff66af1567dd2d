import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { roles, type Role } from '../domain/roles.js';
import type { DatabaseClientOptions } from './db/client.js';
import type { BlobStoreSettings } from './platform/blob-store/open-blob-store.js';
import { invalidConfiguration, invalidSetting } from './platform/config-error.js';

/** Two connections per core plus one (on 2 cores: 5). */
function defaultPoolSize(): number {
  return 2 * os.availableParallelism() + 1;
}

/**
 * The node's configuration: the only place that reads `process.env`.
 * Each variable is documented here and in the README's configuration table.
 */
const envSchema = z
  .object({
    /** TCP port of the HTTP server. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Interface to listen on. */
    HOST: z.string().min(1).default('127.0.0.1'),
    /** Folder for the embedded database, documents, and the node's keys. */
    DATA_DIR: z.string().min(1).default('./data'),
    /** PostgreSQL server; when absent an embedded PostgreSQL runs inside DATA_DIR. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    /**
     * Connections the node keeps open to PostgreSQL. Default: two per core plus one — PostgreSQL does
     * the most with a few active connections per core; more only queue up on its cores (see README).
     */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(defaultPoolSize()),
    /**
     * The connection that sends a transaction's BEGIN and its write-behinds with the statement after
     * them and prepares each statement once ('true'), or one statement per round trip ('false').
     */
    DATABASE_BATCHING: z.enum(['true', 'false']).default('true'),
    /**
     * The longest a statement of the serving node may run (the server cancels it). The node also stops
     * waiting for an answer 1 s after it, so a stalled database answers 503 within this + 1 s.
     */
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
    /** The longest a statement waits for a lock (a row, the chains' lock) before it gives up. */
    DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).default(2000),
    /** The server ends a session left inside a transaction with nothing to do for this long. */
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
    /** The longest a request waits for a connection from the pool, connecting included. */
    DATABASE_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
    /**
     * The statement (and lock) timeout of migrations, the demo seeding and `casebridge` commands,
     * whose statements may run for minutes on a large database (0: no limit).
     */
    DATABASE_MAINTENANCE_STATEMENT_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(0)
      .default(10 * 60_000),
    /** This node's identifier in the exchange (letters, digits, dots and dashes). */
    NODE_ID: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,62}$/, 'lower-case letters, digits, dots and dashes, 2–63 characters')
      .default('node-1'),
    /** pino log level. */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Largest document accepted, in bytes (default 2 GiB). */
    MAX_DOCUMENT_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(2 * 1024 ** 3),
    /**
     * How long a resumable upload (tus, `/api/uploads`) may wait for its next byte before it is removed with
     * its parts (1 hour to 30 days; default a day).
     */
    UPLOAD_EXPIRY_HOURS: z.coerce.number().int().min(1).max(720).default(24),
    /** Where resumable uploads' bytes wait for their last one (default DATA_DIR/uploads); shared by a node's processes. */
    UPLOAD_DIR: z.string().min(1).optional(),
    /**
     * Largest signed message (the JSON envelope `{ jws }`) a peer may post, in bytes. Documents travel on
     * their own (streamed to the blob endpoint), so an envelope holds only text and metadata: 2 MiB is
     * several times the largest case file (hundreds of parties and documents, long narratives).
     */
    EXCHANGE_MAX_MESSAGE_BYTES: z.coerce
      .number()
      .int()
      .min(64 * 1024)
      .default(2 * 1024 ** 2),
    /**
     * Refusals of unsigned or badly signed traffic a source address may cause per minute before it is
     * answered 429; as many are recorded per claimed sender node. Valid messages are never counted.
     */
    EXCHANGE_REFUSALS_PER_MINUTE: z.coerce.number().int().positive().default(30),
    /** Session lifetime in minutes (sliding). */
    SESSION_TTL_MINUTES: z.coerce
      .number()
      .int()
      .positive()
      .default(12 * 60),
    /**
     * Failed sign-ins for one username from one client address before that pair must wait (no account is
     * ever locked by failures: a stranger's guesses from elsewhere do not stop the owner).
     */
    LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
    /** Failed sign-ins from one client address, whatever the usernames, before that address must wait. */
    LOGIN_IP_MAX_FAILURES: z.coerce.number().int().positive().default(20),
    /** The first wait, in seconds, once a limit is reached; it doubles with each further failure. */
    LOGIN_THROTTLE_SECONDS: z.coerce.number().int().positive().default(30),
    /** The longest wait, in minutes. */
    LOGIN_MAX_WAIT_MINUTES: z.coerce.number().int().positive().default(60),
    /** Replaced by the throttle above; refused with a pointer, so that an old setting is not silently ignored. */
    LOGIN_LOCK_MINUTES: z
      .never({ error: 'no longer used: accounts are not locked; see LOGIN_THROTTLE_SECONDS' })
      .optional(),
    /**
     * Addresses or CIDR ranges of reverse proxies whose `X-Forwarded-For` names the client (comma-separated).
     * Empty: the client is the socket's address.
     */
    TRUSTED_PROXIES: z.string().default(''),
    /** Seed demo data into an empty embedded database at start ('auto'), always ('true') or never ('false'). */
    DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
    /** Run the delivery worker inside the node ('true'), or only in separate `casebridge worker` processes ('false'). */
    DELIVERY_WORKER: z.enum(['true', 'false']).default('true'),
    /** First retry of a failed delivery after this many ms (doubling, with jitter, up to DELIVERY_MAX_DELAY_MS). */
    DELIVERY_BASE_DELAY_MS: z.coerce.number().int().positive().default(1000),
    DELIVERY_MAX_DELAY_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(5 * 60_000),
    /** How long a worker holds a claimed message before another worker may take it over (after a crash). */
    DELIVERY_LEASE_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(2 * 60_000),
    /** A delivery worker with nothing to do looks at the outbox again after this many ms (commits wake it sooner). */
    DELIVERY_POLL_MS: z.coerce.number().int().positive().default(500),
    /** Set cookies with the Secure flag (behind HTTPS; on by default when the node serves HTTPS itself). */
    COOKIE_SECURE: z.enum(['true', 'false']).optional(),
    /** The node's TLS certificate (PEM, with its chain) and private key: with both, it serves HTTPS. */
    TLS_CERT_FILE: z.string().min(1).optional(),
    TLS_KEY_FILE: z.string().min(1).optional(),
    /** CA certificates (PEM) trusted, besides the system's, for the HTTPS of peer nodes (an intranet's own CA). */
    TLS_CA_FILE: z.string().min(1).optional(),
    /** Run the legal clocks' scheduler (and the outbound notifications) in this process. */
    CLOCK_SCHEDULER: z.enum(['true', 'false']).default('true'),
    /** How often the scheduler looks for thresholds due (ms); alerts fire within this of their time. */
    CLOCK_TICK_MS: z.coerce.number().int().min(100).max(30_000).default(5000),
    /** The outbound channel of notifications: `log` (recorded in the delivery table) or `sms` (an HTTP gateway). */
    NOTIFIER: z.enum(['log', 'sms']).default('log'),
    /** The SMS gateway's URL (NOTIFIER=sms): POST { to, text, reference } as JSON. */
    SMS_GATEWAY_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** Sent to the gateway as `Authorization: Bearer …`. */
    SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
    /** The gateway's answer is awaited this long (ms), then the message is retried later. */
    SMS_GATEWAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    /** The text of a complainant's one-time code; must hold `{code}`. */
    SMS_OTP_TEMPLATE: z
      .string()
      .min(1)
      .refine((t) => t.includes('{code}'), 'must hold the placeholder {code}')
      .default('کد پیگیری پرونده: {code} (۵ دقیقه اعتبار دارد)'),
    /** With it, `GET /metrics` answers only a request with `Authorization: Bearer <token>`. */
    METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
    /** Where documents live: the node's disk (`DATA_DIR/blobs`) or an S3-compatible bucket shared by every node. */
    BLOB_STORE: z.enum(['disk', 's3']).default('disk'),
    /** The bucket (BLOB_STORE=s3); it must exist. */
    S3_BUCKET: z.string().min(3).max(63).optional(),
    /** An S3-compatible server's URL (MinIO, Ceph RGW, …); unset: AWS's endpoint for S3_REGION. */
    S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    /** Address the bucket as `<endpoint>/<bucket>` (MinIO, Ceph) rather than `<bucket>.<endpoint>`. */
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
    /** A folder inside the bucket for this deployment's documents (no leading or trailing slash). */
    S3_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'letters, digits, . _ - and inner slashes')
      .optional(),
    /** The standard credential variables; unset: the AWS SDK's default chain (instance role, ~/.aws, …). */
    AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
    AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    AWS_SESSION_TOKEN: z.string().min(1).optional(),
  })
  .refine((e) => e.BLOB_STORE !== 's3' || e.S3_BUCKET !== undefined, {
    message: "BLOB_STORE=s3 needs the bucket's name",
    path: ['S3_BUCKET'],
  })
  .refine((e) => (e.AWS_ACCESS_KEY_ID === undefined) === (e.AWS_SECRET_ACCESS_KEY === undefined), {
    message: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together',
    path: ['AWS_ACCESS_KEY_ID'],
  })
  .refine((e) => e.NOTIFIER !== 'sms' || e.SMS_GATEWAY_URL !== undefined, {
    message: 'NOTIFIER=sms needs SMS_GATEWAY_URL',
    path: ['SMS_GATEWAY_URL'],
  })
  .refine((e) => (e.TLS_CERT_FILE === undefined) === (e.TLS_KEY_FILE === undefined), {
    message: 'TLS_CERT_FILE and TLS_KEY_FILE go together: set both to serve HTTPS, or neither',
    path: ['TLS_CERT_FILE'],
  });

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** How the node's connections behave: batching, and the timeouts of serving requests. */
  databaseClient: DatabaseClientOptions;
  /** The same for migrations, the demo seeding and `casebridge` commands (longer statement timeouts). */
  databaseMaintenanceClient: DatabaseClientOptions;
  nodeId: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  maxDocumentBytes: number;
  /** A resumable upload untouched this long is removed (UPLOAD_EXPIRY_HOURS). */
  uploadExpiryMs: number;
  /** UPLOAD_DIR, absolute. */
  uploadDir: string;
  exchange: { maxMessageBytes: number; refusalsPerMinute: number };
  sessionTtlMinutes: number;
  loginMaxFailures: number;
  loginIpMaxFailures: number;
  loginThrottleSeconds: number;
  loginMaxWaitMinutes: number;
  /** Proxies whose X-Forwarded-For is believed (Fastify's `trustProxy`); empty: the socket's address. */
  trustedProxies: string[];
  /** Roles that must sign in with a second factor (TOTP). */
  totpRequiredRoles: Role[];
  demo: 'auto' | 'true' | 'false';
  cookieSecure: boolean;
  /** Serve HTTPS with this certificate and key (absolute paths), or plain HTTP when null. */
  tls: { certFile: string; keyFile: string } | null;
  /** Extra CA certificates for calling peer nodes over HTTPS (absolute path). */
  tlsCaFile: string | null;
  /** The bearer token /metrics asks for, or null (open: keep it off the load balancer's public side). */
  metricsToken: string | null;
  /** The document store: `DATA_DIR/blobs`, or an S3 bucket (docs/decisions/0018). */
  blobStore: BlobStoreSettings;
  /** The bucket S3_* names, whether or not BLOB_STORE uses it (`casebridge blobs migrate --to s3` copies into it). */
  s3: Extract<BlobStoreSettings, { kind: 's3' }> | null;
  deliveryWorker: boolean;
  delivery: { baseDelayMs: number; maxDelayMs: number; leaseMs: number; pollMs: number };
  clockScheduler: boolean;
  clockTickMs: number;
  notifier: {
    kind: 'log' | 'sms';
    sms: { url: string; token: string | null; timeoutMs: number } | null;
    otpTemplate: string;
  };
};

const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * TOTP_REQUIRED_ROLES: roles (comma-separated) that must sign in with a second factor. Unset: `admin`;
 * set but empty: none.
 */
function parseTotpRoles(value: string | undefined): Role[] {
  const names = splitList(value ?? 'admin');
  const unknown = names.filter((n) => !(roles as readonly string[]).includes(n));
  if (unknown.length)
    throw invalidSetting(
      'TOTP_REQUIRED_ROLES',
      `unknown role(s) ${unknown.join(', ')}; roles: ${roles.join(', ')}`,
    );
  return names as Role[];
}

/** Reads and validates the configuration from an environment (default: `process.env`). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw invalidConfiguration(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  // Read before `cleaned`: an empty TOTP_REQUIRED_ROLES means "no role", not "the default".
  const totpRequiredRoles = parseTotpRoles(env.TOTP_REQUIRED_ROLES);
  const s3: Config['s3'] = e.S3_BUCKET
    ? {
        kind: 's3',
        bucket: e.S3_BUCKET,
        region: e.S3_REGION,
        endpoint: e.S3_ENDPOINT,
        forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
        prefix: e.S3_PREFIX ?? '',
        credentials:
          e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY
            ? {
                accessKeyId: e.AWS_ACCESS_KEY_ID,
                secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
                sessionToken: e.AWS_SESSION_TOKEN,
              }
            : undefined,
      }
    : null;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databaseClient: {
      batching: e.DATABASE_BATCHING === 'true',
      timeouts: {
        statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
        lockMs: e.DATABASE_LOCK_TIMEOUT_MS,
        idleInTransactionMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
        acquireMs: e.DATABASE_ACQUIRE_TIMEOUT_MS,
      },
    },
    databaseMaintenanceClient: {
      batching: e.DATABASE_BATCHING === 'true',
      timeouts: {
        statementMs: e.DATABASE_MAINTENANCE_STATEMENT_TIMEOUT_MS,
        lockMs: e.DATABASE_MAINTENANCE_STATEMENT_TIMEOUT_MS,
        idleInTransactionMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
        acquireMs: e.DATABASE_ACQUIRE_TIMEOUT_MS,
      },
    },
    nodeId: e.NODE_ID,
    logLevel: e.LOG_LEVEL,
    maxDocumentBytes: e.MAX_DOCUMENT_BYTES,
    uploadExpiryMs: e.UPLOAD_EXPIRY_HOURS * 3_600_000,
    uploadDir: path.resolve(e.UPLOAD_DIR ?? path.join(e.DATA_DIR, 'uploads')),
    exchange: {
      maxMessageBytes: e.EXCHANGE_MAX_MESSAGE_BYTES,
      refusalsPerMinute: e.EXCHANGE_REFUSALS_PER_MINUTE,
    },
    sessionTtlMinutes: e.SESSION_TTL_MINUTES,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginIpMaxFailures: e.LOGIN_IP_MAX_FAILURES,
    loginThrottleSeconds: e.LOGIN_THROTTLE_SECONDS,
    loginMaxWaitMinutes: e.LOGIN_MAX_WAIT_MINUTES,
    trustedProxies: splitList(e.TRUSTED_PROXIES),
    totpRequiredRoles,
    demo: e.DEMO,
    cookieSecure: e.COOKIE_SECURE === undefined ? e.TLS_CERT_FILE !== undefined : e.COOKIE_SECURE === 'true',
    tls:
      e.TLS_CERT_FILE && e.TLS_KEY_FILE
        ? { certFile: path.resolve(e.TLS_CERT_FILE), keyFile: path.resolve(e.TLS_KEY_FILE) }
        : null,
    tlsCaFile: e.TLS_CA_FILE ? path.resolve(e.TLS_CA_FILE) : null,
    metricsToken: e.METRICS_TOKEN ?? null,
    blobStore:
      e.BLOB_STORE === 's3' && s3 ? s3 : { kind: 'disk', root: path.join(path.resolve(e.DATA_DIR), 'blobs') },
    s3,
    deliveryWorker: e.DELIVERY_WORKER === 'true',
    delivery: {
      baseDelayMs: e.DELIVERY_BASE_DELAY_MS,
      maxDelayMs: e.DELIVERY_MAX_DELAY_MS,
      leaseMs: e.DELIVERY_LEASE_MS,
      pollMs: e.DELIVERY_POLL_MS,
    },
    clockScheduler: e.CLOCK_SCHEDULER === 'true',
    clockTickMs: e.CLOCK_TICK_MS,
    notifier: {
      kind: e.NOTIFIER,
      sms: e.SMS_GATEWAY_URL
        ? { url: e.SMS_GATEWAY_URL, token: e.SMS_GATEWAY_TOKEN ?? null, timeoutMs: e.SMS_GATEWAY_TIMEOUT_MS }
        : null,
      otpTemplate: e.SMS_OTP_TEMPLATE,
    },
  };
}
