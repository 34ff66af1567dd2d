import {
  auditLogPageSchema,
  auditLogQuerySchema,
  auditVerificationSchema,
} from '../../../domain/audit.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { clientIp, requireActor } from '../../platform/http/authenticate.js';
import { listAuditEntries, verifyAudit } from './audit.usecase.js';

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
