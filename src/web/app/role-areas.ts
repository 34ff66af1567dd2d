import { permissions } from '../../domain/permissions.js';
import { isPoliceUnit, type Role } from '../../domain/roles.js';
import type { SessionUser } from '../../domain/auth.schema.js';

const figuresRoles: readonly Role[] = permissions['figures.read'].roles;
const escortRoles: readonly Role[] = permissions['escort.read'].roles;
const rolloutRoles: readonly Role[] = permissions['rollout.read'].roles;

/**
 * Which screens a user's role opens: station screens for police units, administration for admins, the
 * figures and the escorts for whoever the permissions matrix lets read them.
 */
export function roleAreas(user: SessionUser): {
  station: boolean;
  admin: boolean;
  audit: boolean;
  figures: boolean;
  escorts: boolean;
  rollout: boolean;
} {
  return {
    station:
      isPoliceUnit(user.org.kind) && (user.role === 'station.officer' || user.role === 'station.chief'),
    admin: user.role === 'admin',
    audit: user.role === 'admin' || user.role === 'supervisor',
    figures: figuresRoles.includes(user.role),
    escorts: escortRoles.includes(user.role),
    rollout: rolloutRoles.includes(user.role),
  };
}
