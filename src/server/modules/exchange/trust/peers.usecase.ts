import { AppError } from '../../../../domain/errors.js';
import { assertCan, type Actor } from '../../../../domain/permissions.js';
import type { TrustEntry } from '../../../../domain/trust.schema.js';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/transaction.js';
import type { Clock } from '../../../platform/clock.js';
import { importPublicJwk, KeyFormatError } from '../../../platform/crypto/signing.js';
import type { Exchange } from '../exchange.usecase.js';
import { listOutbox } from '../outbound/outbox.repository.js';
import {
  exportOwnTrustEntry,
  listPeers,
  revokeKey,
  unknownProvinceCodes,
  upsertPeer,
} from './trust.repository.js';

/** The trusted nodes and their keys (admin). */
export async function getPeers(input: { db: Db; actor: Actor }) {
  assertCan(input.actor, 'peer.manage');
  return { items: await listPeers(input.db) };
}

/**
 * Adds or updates a trusted node from its trust entry (admin), all of it or nothing: every key is read
 * before anything is written (a key that is not an Ed25519 public key, or an organisation in a province the
 * reference tables do not know, is a 400 naming it), and the node, its keys and its organisations land in
 * one transaction.
 */
export async function addPeer(input: { db: Db; actor: Actor; entry: TrustEntry; exchange: Exchange }) {
  assertCan(input.actor, 'peer.manage');
  if (input.entry.nodeId === input.exchange.nodeId)
    throw new AppError('request.invalid', { message: 'a node does not add itself as a peer' });
  assertKeysReadable(input.entry.keys);
  return inTransaction(input.db, async (tx) => {
    const unknown = new Set(
      await unknownProvinceCodes(tx, [...new Set(input.entry.organisations.map((o) => o.provinceCode))]),
    );
    const issues = input.entry.organisations.flatMap((org, i) =>
      unknown.has(org.provinceCode)
        ? [{ path: `body.organisations.${i}.provinceCode`, code: 'reference.unknown' }]
        : [],
    );
    if (issues.length > 0) throw new AppError('request.invalid', { issues });
    return upsertPeer(tx, input.entry);
  });
}

function assertKeysReadable(keys: TrustEntry['keys']): void {
  const issues = keys.flatMap((jwk, i) => {
    try {
      importPublicJwk(jwk);
      return [];
    } catch (error) {
      if (!(error instanceof KeyFormatError)) throw error;
      return [{ path: `body.keys.${i}.x`, code: 'validation.invalid_format', message: error.message }];
    }
  });
  if (issues.length > 0) throw new AppError('request.invalid', { issues });
}

/** Revokes a key: nothing signed with it is accepted any more (admin). */
export async function revokePeerKey(input: { db: Db; clock: Clock; actor: Actor; kid: string }) {
  assertCan(input.actor, 'peer.manage');
  if (!(await revokeKey(input.db, input.kid, input.clock.now()))) throw new AppError('peers.not_found');
}

/** This node's trust entry, to give to the operators of another node (admin). */
export async function getOwnTrustEntry(input: {
  db: Db;
  actor: Actor;
  exchange: Exchange;
  baseUrl: string | null;
}) {
  assertCan(input.actor, 'peer.manage');
  return exportOwnTrustEntry(input.db, {
    nodeId: input.exchange.nodeId,
    baseUrl: input.baseUrl,
    keys: input.exchange.keys,
  });
}

/** What waits in the outbox, with each message's attempts, last error and next try (admin). */
export async function getOutbox(input: { db: Db; actor: Actor }) {
  assertCan(input.actor, 'peer.manage');
  const rows = await listOutbox(input.db);
  return {
    items: rows.map((r) => ({
      messageId: r.message_id,
      type: r.type,
      toNode: r.to_node,
      toOrg: r.to_org,
      queuedAt: r.created_at.toISOString(),
      attempts: r.attempts,
      lastError: r.last_error,
      lastAttemptAt: r.last_attempt_at?.toISOString() ?? null,
      nextAttemptAt: r.next_attempt_at.toISOString(),
    })),
  };
}
