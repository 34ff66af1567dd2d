/** The public face of `audit`: what other modules may use of it (and nothing else). */
export { recordAudit, sealAuditReads } from './audit.repository.js';
export type { AuditEntry } from './audit.repository.js';
export { startReadsSealer } from './reads-sealer.worker.js';
