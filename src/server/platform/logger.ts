import pino, { type Logger } from 'pino';

/**
 * The node's logger. Logs carry ids, never content: request bodies, names, national IDs, cookies,
 * passwords and document bytes are never logged; the redaction list is a second line of defence.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'casebridge' },
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.nationalId',
        '*.national_id',
        '*.mobile',
      ],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
