import type { Db } from '../../db/client.js';
import type { BlobStore } from '../../platform/blob-store/blob-store.js';
import type { Clock } from '../../platform/clock.js';
import { createHttpTransport } from './transport/http-transport.usecase.js';
import { createLocalTransport } from './transport/local-transport.usecase.js';
import type { MessageHandlers } from './inbound/message-handlers.ports.js';
import { loadOrCreateNodeKeys, type NodeKeys, type Signer } from './trust/node-keys.usecase.js';
import type { ReceiveDeps } from './inbound/inbound.ports.js';
import type { Transport } from './transport/transport.ports.js';
import { findPeerUrl, registerOwnKeys } from './trust/trust.repository.js';
import { createTrustedKeys } from './trust/trusted-keys.repository.js';

/** The node's side of the exchange: its keys, how it receives, and how it reaches each node. */
export interface Exchange {
  nodeId: string;
  keys: NodeKeys;
  signer: Signer;
  receiver: ReceiveDeps;
  transportFor(node: string): Transport;
  /** Wakes the delivery worker after a commit that put something in the outbox (no-op without a worker). */
  kick(): void;
  setKick(kick: () => void): void;
}

/**
 * Sets up the exchange for a node: loads (or makes) its signing keys from the data folder,
 * registers its public keys in its own trust store, and picks the local transport for messages
 * between its own organisations and HTTP for every other node.
 */
export async function createExchange(input: {
  db: Db;
  blobs: BlobStore;
  clock: Clock;
  dataDir: string;
  nodeId: string;
  handlers: MessageHandlers;
  httpTimeoutMs?: number;
  /** CA certificates for peers' HTTPS (see `readPeerCa`); null: Node's roots. */
  peerCa?: string[] | null;
}): Promise<Exchange> {
  const keys = await loadOrCreateNodeKeys({
    dataDir: input.dataDir,
    nodeId: input.nodeId,
    now: input.clock.now(),
  });
  await registerOwnKeys(input.db, input.nodeId, keys);
  const receiver: ReceiveDeps = {
    db: input.db,
    blobs: input.blobs,
    signer: keys.signer,
    keys: createTrustedKeys(input.db),
    handlers: input.handlers,
    now: () => input.clock.now(),
  };
  const local = createLocalTransport(receiver);
  const http = createHttpTransport({
    baseUrlOf: (node) => findPeerUrl(input.db, node),
    signer: keys.signer,
    blobs: input.blobs,
    now: () => input.clock.now(),
    ...(input.httpTimeoutMs ? { timeoutMs: input.httpTimeoutMs } : {}),
    ca: input.peerCa ?? null,
  });
  let kick = () => undefined as void;
  return {
    nodeId: input.nodeId,
    keys,
    signer: keys.signer,
    receiver,
    transportFor: (node) => (node === input.nodeId ? local : http),
    kick: () => kick(),
    setKick: (k) => {
      kick = k;
    },
  };
}
