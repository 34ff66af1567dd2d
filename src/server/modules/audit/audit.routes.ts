import { z } from 'zod';
import { line } from '../../../domain/text.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { clientIp, requireActor } from '../../platform/http/authenticate.js';
import { listAuditEntries, verifyAudit } from './audit.usecase.js';

const pageQuery = z.object({
  resourceType: line(50).optional(),
  resourceId: line(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** The audit log: read it, and verify its hash chain. */
export async function registerAuditRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/audit',
    { schema: { tags: ['audit'], summary: 'Audit log entries, newest first', querystring: pageQuery } },
    async (request) => listAuditEntries({ db: deps.db, actor: requireActor(request), ...request.query }),
  );
  app.post(
    '/api/audit/verify',
    { schema: { tags: ['audit'], summary: 'Verify the audit hash chain' } },
    async (request) =>
      verifyAudit({ db: deps.db, clock: deps.clock, actor: requireActor(request), ip: clientIp(request) }),
  );
}
