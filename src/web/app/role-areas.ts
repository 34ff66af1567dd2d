import { roleMay } from '../../domain/permissions.js';
import { isPoliceUnit } from '../../domain/roles.js';
import type { SessionUser } from '../../domain/auth.schema.js';

/**
 * Which screens a user opens, from the permissions matrix (never from role names): station screens for those of a
 * police unit who may create cases, administration for those who may manage users, the audit log, the figures,
 * the escorts and the rollout for whoever may read them.
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
    station: isPoliceUnit(user.org.kind) && roleMay(user.role, 'case.create'),
    admin: roleMay(user.role, 'user.manage'),
    audit: roleMay(user.role, 'audit.read'),
    figures: roleMay(user.role, 'figures.read'),
    escorts: roleMay(user.role, 'escort.read'),
    rollout: roleMay(user.role, 'rollout.read'),
  };
}
