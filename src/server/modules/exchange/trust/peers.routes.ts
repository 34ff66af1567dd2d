import { z } from 'zod';
import { line } from '../../../../domain/text.js';
import { outboxSchema } from '../../../../domain/outbox.schema.js';
import {
  addPeerResultSchema,
  ownTrustEntrySchema,
  peerListSchema,
  trustEntrySchema,
} from '../../../../domain/trust.schema.js';
import type { App } from '../../../platform/http/fastify-app.js';
import type { AppDeps } from '../../../app-deps.js';
import { requireActor } from '../../../platform/http/authenticate.js';
import { addPeer, getOutbox, getOwnTrustEntry, getPeers, revokePeerKey } from './peers.usecase.js';

/** Administration of the exchange: trusted peers and their keys, this node's trust entry, the outbox. */
export async function registerPeerRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/peers',
    {
      schema: {
        tags: ['exchange'],
        summary: 'Trusted nodes and their keys (admin)',
        response: { 200: peerListSchema },
      },
    },
    async (request) => getPeers({ db: deps.db, actor: requireActor(request) }),
  );
  app.post(
    '/api/peers',
    {
      schema: {
        tags: ['exchange'],
        summary: 'Trust a node from its trust entry (admin)',
        body: trustEntrySchema,
        response: { 200: addPeerResultSchema },
      },
    },
    async (request) =>
      addPeer({ db: deps.db, actor: requireActor(request), entry: request.body, exchange: deps.exchange }),
  );
  app.post(
    '/api/peers/keys/:kid/revoke',
    {
      schema: {
        tags: ['exchange'],
        summary: 'Revoke a key (admin)',
        params: z.object({ kid: line(100).min(10) }),
      },
    },
    async (request, reply) => {
      await revokePeerKey({
        db: deps.db,
        clock: deps.clock,
        actor: requireActor(request),
        kid: request.params.kid,
      });
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/exchange/trust-entry',
    {
      schema: {
        tags: ['exchange'],
        summary: 'This node\u2019s trust entry, for other nodes (admin)',
        response: { 200: ownTrustEntrySchema },
      },
    },
    async (request) =>
      getOwnTrustEntry({
        db: deps.db,
        actor: requireActor(request),
        exchange: deps.exchange,
        baseUrl: `${request.protocol}://${request.host}`,
      }),
  );
  app.get(
    '/api/exchange/outbox',
    {
      schema: {
        tags: ['exchange'],
        summary: 'Messages waiting for delivery, with errors and next tries (admin)',
        response: { 200: outboxSchema },
      },
    },
    async (request) => getOutbox({ db: deps.db, actor: requireActor(request) }),
  );
}
