import pino, { type DestinationStream, type Logger } from 'pino';

/** The request as logged: method, path without its query string (queries carry names and IDs), id. */
function serializeRequest(req: { method?: string; url?: string; id?: string; ip?: string }) {
  return { id: req.id, method: req.method, path: (req.url ?? '').split('?')[0] };
}

/**
 * The node's logger. Logs carry ids, never content: request bodies, query strings, headers, names,
 * national IDs, cookies, passwords and document bytes are never logged; the redaction list is a
 * second line of defence for anything logged by mistake.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'casebridge' },
    serializers: {
      req: serializeRequest,
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    redact: {
      paths: [
        'req.headers',
        'res.headers',
        '*.password',
        '*.nationalId',
        '*.national_id',
        '*.mobile',
        '*.firstName',
        '*.lastName',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
