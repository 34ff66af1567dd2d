import type { Actor } from '../../../domain/permissions.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { startCustodyOfCase } from '../cases/index.js';

/** Starts a custody through the cases use case (for tests of modules above `cases`); its id. */
export async function startCustodyForTest(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  caseId: string;
  partyId: string;
  startedAt: Date;
}): Promise<string> {
  const custody = await startCustodyOfCase({
    db: input.db,
    clock: input.clock,
    actor: input.actor,
    ip: null,
    caseId: input.caseId,
    body: { partyId: input.partyId, startedAt: input.startedAt.toISOString() },
  });
  return custody.id;
}
