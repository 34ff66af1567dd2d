import { isPoliceUnit } from '../../domain/roles.js';
import type { SessionUser } from '../api/types.js';

/** Which screens a user's role opens: station screens for police units, administration for admins. */
export function roleAreas(user: SessionUser): { station: boolean; admin: boolean; audit: boolean } {
  return {
    station:
      isPoliceUnit(user.org.kind) && (user.role === 'station.officer' || user.role === 'station.chief'),
    admin: user.role === 'admin',
    audit: user.role === 'admin' || user.role === 'supervisor',
  };
}
