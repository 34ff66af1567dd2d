/** Every action the audit log records: a closed list, so that a typo cannot invent a new one. */
export const auditActions = [
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'user.created',
  'organisation.created',
  'jurisdiction.changed',
  'case.created',
  'case.read',
  'case.updated',
  'case.searched',
  'case.listed',
  'party.added',
  'party.updated',
  'party.removed',
  'custody.started',
  'custody.ended',
  'document.uploaded',
  'document.read',
  'document.listed',
  'timeline.read',
  'readiness.checked',
  'tracking.viewed',
  'audit.verified',
] as const;

export type AuditAction = (typeof auditActions)[number];
