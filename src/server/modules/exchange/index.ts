/**
 * The exchange's public face: what the business modules and the composition root may use. The exchange
 * signs, sends, receives, verifies, stores, retries and acknowledges messages; it imports no business
 * module — the modules that own message types hand their handlers to `createExchange` (through
 * `src/server/message-handlers.ts`).
 */
export { findCaseMessages } from './delivery-evidence/case-messages.repository.js';
export {
  checkThreadLinks,
  findVerifiedDocuments,
  recheckSignature,
} from './delivery-evidence/message-verification.policy.js';
export { createExchange } from './exchange.usecase.js';
export type { Exchange } from './exchange.usecase.js';
export { registerExchangeRoutes } from './inbound/exchange.routes.js';
export type { InboundMessage, MessageHandler, MessageHandlers } from './inbound/message-handlers.ports.js';
export { receiveMessage } from './inbound/receive-message.usecase.js';
export { deliverDue } from './outbound/delivery.worker.js';
export { enqueueMessage } from './outbound/enqueue-message.usecase.js';
export type { OutgoingMessage } from './outbound/enqueue-message.usecase.js';
export { DeliveryError } from './transport/transport.ports.js';
export type { Signer } from './trust/node-keys.usecase.js';
export { registerPeerRoutes } from './trust/peers.routes.js';
export { revokeKey } from './trust/trust.repository.js';
