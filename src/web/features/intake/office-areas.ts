import { roleMay } from '../../../domain/permissions.js';
import { isPoliceUnit } from '../../../domain/roles.js';
import type { SessionUser } from '../../../domain/auth.schema.js';

/**
 * Which exchange screens a user opens, from the permissions matrix: the office's intake (who may read incoming
 * files at a prosecutor's office), and the orders tracker (who issues orders there, and the station that
 * executes them).
 */
export function exchangeAreas(user: Pick<SessionUser, 'role' | 'org'>): { intake: boolean; orders: boolean } {
  const office = user.org.kind === 'prosecutor_office';
  return {
    intake: office && roleMay(user.role, 'intake.read'),
    orders:
      (office && roleMay(user.role, 'order.issue')) ||
      (isPoliceUnit(user.org.kind) && roleMay(user.role, 'order.execute')),
  };
}
