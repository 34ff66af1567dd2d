/** The public face of `correspondence`: what other modules may use of it (and nothing else). */
export { findActorName } from './actor-name.repository.js';
export { findCaseOfMessage } from './case-of-message.repository.js';
export { caseSnapshotOf, messageDocumentsOf } from './case-snapshot.presenter.js';
export { enqueueAnswer } from './intake-answer.usecase.js';
export { findSender, senderColumns, senderOf } from './sender.repository.js';
export type { Sender } from './sender.repository.js';
export { stepSharedRow } from './shared-row-step.policy.js';
export type { SharedRowInput } from './shared-row-step.policy.js';
export { tellPeer } from './tell-peer.usecase.js';
