import type { Timeline } from '../../../domain/cases/case.schema.js';
import { readCase, type CaseUseCaseInput } from './case.ports.js';
import { findCaseEvents } from './cases.repository.js';

/** What happened to a case, oldest first; audited as `timeline.read`. */
export async function getCaseTimeline(input: CaseUseCaseInput): Promise<Timeline> {
  return readCase({ ...input, audit: 'timeline.read' }, async ({ tx, row }) => {
    const events = await findCaseEvents(tx, row.id);
    return {
      value: {
        items: events.map((e) => ({
          at: e.at.toISOString(),
          type: e.type,
          actorUserId: e.actor_user_id,
          details: e.details,
        })),
      },
    };
  });
}
