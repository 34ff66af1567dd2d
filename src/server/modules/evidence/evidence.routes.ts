import { z } from 'zod';
import { line } from '../../../domain/text.js';
import { AppError } from '../../../domain/errors.js';
import { evidenceKindSchema } from '../../../domain/evidence/evidence-kinds.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { requireActor } from '../../platform/http/authenticate.js';
import {
  getConsistencyProof,
  getInclusionProof,
  getSignedTreeHead,
  type EntryLocator,
} from './evidence.usecase.js';

const size = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const proofQuery = z.object({
  idx: size.optional(),
  messageId: line(100).min(1).optional(),
  kind: evidenceKindSchema.optional(),
});

const consistencyQuery = z.object({ from: size, to: size });

/**
 * The evidence log's Merkle tree (RFC 9162): the signed tree head, inclusion proofs and consistency
 * proofs, all hashes in lower-case hex, checkable with any CT-compatible code.
 */
export async function registerEvidenceRoutes(app: App, deps: AppDeps): Promise<void> {
  const evidenceDeps = () => ({ db: deps.db, clock: deps.clock, signer: deps.exchange.signer });

  app.get(
    '/api/evidence/tree-head',
    {
      schema: {
        tags: ['evidence'],
        summary: 'The signed tree head of this node’s evidence log (admin, supervisor)',
      },
    },
    async (request) => getSignedTreeHead({ ...evidenceDeps(), actor: requireActor(request) }),
  );

  app.get(
    '/api/evidence/proof',
    {
      schema: {
        tags: ['evidence'],
        summary: 'Inclusion proof of an evidence entry in the current tree, with its signed head',
        description:
          'By `idx`, or by `messageId` and `kind`. Open to admin/supervisor and to the organisations of the entry’s case.',
        querystring: proofQuery,
      },
    },
    async (request) => {
      const { idx, messageId, kind } = request.query;
      let locator: EntryLocator;
      if (idx !== undefined) locator = { idx };
      else if (messageId !== undefined && kind !== undefined) locator = { messageId, kind };
      else throw new AppError('request.invalid', { message: 'give idx, or messageId and kind' });
      return getInclusionProof({ ...evidenceDeps(), actor: requireActor(request), locator });
    },
  );

  app.get(
    '/api/evidence/consistency',
    {
      schema: {
        tags: ['evidence'],
        summary: 'Consistency proof between two sizes of the evidence log (admin, supervisor)',
        querystring: consistencyQuery,
      },
    },
    async (request) => getConsistencyProof({ db: deps.db, actor: requireActor(request), ...request.query }),
  );
}
