import { Readable } from 'node:stream';
import {
  auditLogFilterSchema,
  auditLogPageSchema,
  auditLogQuerySchema,
  auditVerificationSchema,
} from '../../../domain/audit.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { clientIp, requireActor } from '../../platform/http/authenticate.js';
import { exportAuditCsv, listAuditEntries, verifyAudit } from './audit.usecase.js';

/** The audit log: read it, and verify its hash chain. */
export async function registerAuditRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit log entries, newest first',
        querystring: auditLogQuerySchema,
        response: { 200: auditLogPageSchema },
      },
    },
    async (request) => listAuditEntries({ db: deps.db, actor: requireActor(request), ...request.query }),
  );
  app.get(
    '/api/audit/export.csv',
    {
      schema: {
        tags: ['audit'],
        summary:
          'The filtered audit log as CSV (UTF-8 with BOM), newest first, with names and Persian labels',
        querystring: auditLogFilterSchema,
      },
    },
    async (request, reply) => {
      const lines = exportAuditCsv({
        db: deps.db,
        clock: deps.clock,
        actor: requireActor(request),
        filter: request.query,
        ip: clientIp(request),
      });
      // The first chunk is awaited here, so that a refusal (permission) is an ordinary error answer.
      const first = await lines.next();
      const rest = async function* () {
        if (!first.done) yield first.value;
        yield* lines;
      };
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-log.csv"')
        .header('cache-control', 'no-store')
        .send(Readable.from(rest()));
    },
  );
  app.post(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the audit hash chain',
        response: { 200: auditVerificationSchema },
      },
    },
    async (request) =>
      verifyAudit({ db: deps.db, clock: deps.clock, actor: requireActor(request), ip: clientIp(request) }),
  );
}
