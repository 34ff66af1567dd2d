import { AppError, type ErrorCode } from './errors.js';
import type { Role } from './roles.js';

/**
 * The one permissions matrix of casebridge: for each action, the roles that may take it and
 * whose resources they may take it on. `own` = only resources of the actor's organisation
 * (anything else is *not found*, never *forbidden*, so that existence is not revealed);
 * `any` = resources of any organisation on this node.
 */
export const permissions = {
  'case.create': { roles: ['station.officer', 'station.chief'], scope: 'own' },
  'case.read': { roles: ['station.officer', 'station.chief'], scope: 'own' },
  'case.update': { roles: ['station.officer', 'station.chief'], scope: 'own' },
  'case.search': { roles: ['station.officer', 'station.chief'], scope: 'own' },
  'case.document.upload': { roles: ['station.officer', 'station.chief'], scope: 'own' },
  'case.document.read': { roles: ['station.officer', 'station.chief'], scope: 'own' },
  /** Changing the kind of a document of a draft (re-classifying it). */
  'case.document.classify': { roles: ['station.officer', 'station.chief'], scope: 'own' },
  /** Taking a document out of a draft. */
  'case.document.remove': { roles: ['station.officer', 'station.chief'], scope: 'own' },
  'case.submit.prepare': { roles: ['station.officer', 'station.chief'], scope: 'own' },
  'case.submit.approve': { roles: ['station.chief'], scope: 'own' },
  'intake.read': { roles: ['prosecutor.clerk', 'prosecutor.judge'], scope: 'own' },
  'intake.decide': { roles: ['prosecutor.clerk'], scope: 'own' },
  /** The office's branches and دادیاران, to choose from when registering or assigning a file. */
  'office_lists.read': { roles: ['prosecutor.clerk', 'prosecutor.judge'], scope: 'own' },
  /** Keeping a prosecutor's office's lists of branches and دادیاران (the node's admin). */
  'office_lists.manage': { roles: ['admin'], scope: 'any' },
  'order.read': {
    roles: ['station.officer', 'station.chief', 'prosecutor.clerk', 'prosecutor.judge'],
    scope: 'own',
  },
  'order.issue': { roles: ['prosecutor.judge'], scope: 'own' },
  'order.close': { roles: ['prosecutor.judge'], scope: 'own' },
  'order.execute': { roles: ['station.officer', 'station.chief'], scope: 'own' },
  'escort.request': { roles: ['station.officer', 'station.chief'], scope: 'own' },
  'escort.read': { roles: ['station.officer', 'station.chief', 'escort.officer'], scope: 'own' },
  'escort.execute': { roles: ['escort.officer'], scope: 'own' },
  'figures.read': { roles: ['supervisor', 'admin', 'station.chief', 'prosecutor.judge'], scope: 'own' },
  /** The figures of every police unit on the node, not only those of the actor's station or province. */
  'figures.read.all_units': { roles: ['admin'], scope: 'any' },
  /** The national register of units (issue 21): importing it; reading it and planning from it. */
  'units.manage': { roles: ['admin'], scope: 'any' },
  'rollout.read': { roles: ['supervisor', 'admin'], scope: 'any' },
  /** Adopting a plan, setting a wave's due date or a unit's step by hand. */
  'rollout.manage': { roles: ['admin'], scope: 'any' },
  /** A station records the files it sent on paper, so that paper and electronic sending can be compared. */
  'paper.record': { roles: ['station.officer', 'station.chief'], scope: 'own' },
  /** A case's legal clocks and breach records (the reader's own organisation's). */
  'clock.read': {
    roles: ['station.officer', 'station.chief', 'prosecutor.clerk', 'prosecutor.judge', 'escort.officer'],
    scope: 'own',
  },
  /** The custody notices of the unit: a station's records, or those its prosecutor's office received. */
  'custody_notice.read': {
    roles: ['station.officer', 'station.chief', 'prosecutor.clerk', 'prosecutor.judge'],
    scope: 'own',
  },
  /** A chief's justification appended to a breach of their unit. */
  'breach.annotate': { roles: ['station.chief', 'prosecutor.judge'], scope: 'own' },
  'organisation.read': {
    roles: [
      'station.officer',
      'station.chief',
      'prosecutor.clerk',
      'prosecutor.judge',
      'escort.officer',
      'supervisor',
      'admin',
    ],
    scope: 'any',
  },
  'organisation.manage': { roles: ['admin'], scope: 'any' },
  'jurisdiction.manage': { roles: ['admin'], scope: 'any' },
  'user.manage': { roles: ['admin'], scope: 'any' },
  'audit.read': { roles: ['admin', 'supervisor'], scope: 'any' },
  'peer.manage': { roles: ['admin'], scope: 'any' },
} as const satisfies Record<string, { roles: readonly Role[]; scope: 'own' | 'any' }>;

export type Action = keyof typeof permissions;
export const actions = Object.keys(permissions) as Action[];

/** Who is acting: the signed-in user, reduced to what authorisation needs. */
export interface Actor {
  userId: string;
  orgId: string;
  role: Role;
}

/** The resource an action is taken on, if any: its organisation, and the code to answer when it is out of scope. */
export interface Resource {
  orgId: string;
  notFound: ErrorCode;
}

/** Does the matrix give this role the action at all (before any resource's scope)? What the web opens screens by. */
export function roleMay(role: Role, action: Action): boolean {
  return (permissions[action].roles as readonly Role[]).includes(role);
}

/** Can this actor take this action (on this resource)? Pure; see `assertCan`. */
export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  const rule = permissions[action];
  if (resource && rule.scope === 'own' && resource.orgId !== actor.orgId) return false;
  return roleMay(actor.role, action);
}

/**
 * Throws unless the actor may take the action. Out-of-scope resources answer with the resource's
 * not-found code (existence is never revealed); in-scope but not allowed answers `auth.forbidden`.
 */
export function assertCan(actor: Actor, action: Action, resource?: Resource): void {
  const rule = permissions[action];
  if (resource && rule.scope === 'own' && resource.orgId !== actor.orgId)
    throw new AppError(resource.notFound);
  if (!roleMay(actor.role, action)) throw new AppError('auth.forbidden', { details: { action } });
}
