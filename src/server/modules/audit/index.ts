export { recordAudit } from './audit.repository.js';
export type { AuditEntry } from './audit.repository.js';
