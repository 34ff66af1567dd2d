import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { actions, assertCan, can, type Action, type Actor } from './permissions.js';
import { roles, type Role } from './roles.js';

/**
 * The matrix written out by hand, one row per action: the letters say which roles may act.
 * O = station.officer, C = station.chief, K = prosecutor.clerk, J = prosecutor.judge,
 * E = escort.officer, S = supervisor, A = admin. A change to permissions.ts must change this table.
 */
const expected: Record<Action, string> = {
  'case.create': 'OC',
  'case.read': 'OC',
  'case.update': 'OC',
  'case.search': 'OC',
  'case.document.upload': 'OC',
  'case.document.read': 'OC',
  'case.document.classify': 'OC',
  'case.document.remove': 'OC',
  'case.submit.prepare': 'OC',
  'case.submit.approve': 'C',
  'intake.read': 'KJ',
  'intake.decide': 'K',
  'office_lists.read': 'KJ',
  'office_lists.manage': 'A',
  'order.read': 'OCKJ',
  'order.issue': 'J',
  'order.close': 'J',
  'order.execute': 'OC',
  'escort.request': 'OC',
  'escort.read': 'OCE',
  'escort.execute': 'E',
  'figures.read': 'CJSA',
  'clock.read': 'OCKJE',
  'breach.annotate': 'CJ',
  'custody_notice.read': 'OCKJ',
  'figures.read.all_units': 'A',
  'organisation.read': 'OCKJESA',
  'organisation.manage': 'A',
  'jurisdiction.manage': 'A',
  'user.manage': 'A',
  'audit.read': 'SA',
  'peer.manage': 'A',
  'units.manage': 'A',
  'rollout.read': 'SA',
  'rollout.manage': 'A',
  'paper.record': 'OC',
};
const letter: Record<Role, string> = {
  'station.officer': 'O',
  'station.chief': 'C',
  'prosecutor.clerk': 'K',
  'prosecutor.judge': 'J',
  'escort.officer': 'E',
  supervisor: 'S',
  admin: 'A',
};
const anyScope: Action[] = [
  'figures.read.all_units',
  'organisation.read',
  'organisation.manage',
  'office_lists.manage',
  'jurisdiction.manage',
  'user.manage',
  'audit.read',
  'peer.manage',
  'units.manage',
  'rollout.read',
  'rollout.manage',
];

describe('the permissions matrix', () => {
  it('has a hand-written expectation for every action, and no more', () => {
    expect(Object.keys(expected).sort()).toEqual([...actions].sort());
  });

  const own = 'org-own';
  const other = 'org-other';
  const cells = roles.flatMap((role) =>
    actions.flatMap((action) => (['own', 'other'] as const).map((where) => ({ role, action, where }))),
  );

  it.each(cells)(
    '$role may $action on a resource of the $where organisation only as the table says',
    ({ role, action, where }) => {
      const actor: Actor = { userId: 'u', orgId: own, role };
      const resource = { orgId: where === 'own' ? own : other, notFound: 'cases.not_found' as const };
      const allowedByRole = expected[action].includes(letter[role]);
      const inScope = where === 'own' || anyScope.includes(action);
      expect(can(actor, action, resource)).toBe(allowedByRole && inScope);

      const thrown = (() => {
        try {
          assertCan(actor, action, resource);
          return null;
        } catch (error) {
          return error;
        }
      })();
      if (allowedByRole && inScope) expect(thrown).toBeNull();
      else if (!inScope) {
        // Another organisation's resource is never "forbidden": it does not exist for this actor.
        expect(thrown).toBeInstanceOf(AppError);
        expect((thrown as AppError).code).toBe('cases.not_found');
      } else {
        expect((thrown as AppError).code).toBe('auth.forbidden');
      }
    },
  );
});
