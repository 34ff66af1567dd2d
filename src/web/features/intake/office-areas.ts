import { isPoliceUnit } from '../../../domain/roles.js';
import type { SessionUser } from '../../../domain/auth.schema.js';

/**
 * Which exchange screens a role opens: the office's intake (clerk and judge of a prosecutor's office),
 * and the orders tracker (the judge who issues them, the station that executes them).
 */
export function exchangeAreas(user: Pick<SessionUser, 'role' | 'org'>): { intake: boolean; orders: boolean } {
  const office = user.org.kind === 'prosecutor_office';
  const intake = office && (user.role === 'prosecutor.clerk' || user.role === 'prosecutor.judge');
  const station =
    isPoliceUnit(user.org.kind) && (user.role === 'station.officer' || user.role === 'station.chief');
  return { intake, orders: (office && user.role === 'prosecutor.judge') || station };
}
