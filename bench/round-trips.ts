import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Actor } from '../src/domain/permissions.js';
import type { AppDeps } from '../src/server/app-deps.js';
import { addParty } from '../src/server/modules/cases/parties.usecases.js';
import { openCase } from '../src/server/modules/cases/open-case.usecase.js';
import { uploadDocument } from '../src/server/modules/documents/documents.usecases.js';
import { deliverDue } from '../src/server/modules/exchange/delivery-worker.js';
import { registerIntake } from '../src/server/modules/intake/intake-decisions.usecase.js';
import { approveSubmission } from '../src/server/modules/submission/approve-submission.usecase.js';
import { prepareSubmission } from '../src/server/modules/submission/prepare-submission.usecase.js';
import { createLogger } from '../src/server/platform/logger.js';

export interface Actors {
  officer: Actor;
  chief: Actor;
  clerk: Actor;
}

const DOC_BYTES = 200 * 1024;
const PDF_HEAD = Buffer.from('%PDF-1.7\n');

/** A complaint case with two parties and three 200 KB documents, prepared for the chief's approval. */
export async function prepareCase(deps: AppDeps, actors: Actors, nationalIds: () => string): Promise<string> {
  const base = { db: deps.db, clock: deps.clock, actor: actors.officer, ip: null };
  const opened = await openCase({
    ...base,
    body: {
      origin: 'complaint',
      crimeCategoryCode: 'theft',
      narrative: 'سرقت گوشی همراه در ایستگاه مترو؛ متهم در محل دستگیر شد.',
    },
  });
  await addParty({
    ...base,
    caseId: opened.id,
    body: { role: 'complainant', firstName: 'مریم', lastName: 'احمدی', nationalId: nationalIds() },
  });
  await addParty({
    ...base,
    caseId: opened.id,
    body: { role: 'accused', firstName: 'علی', lastName: 'رضایی', nationalId: nationalIds() },
  });
  for (const kind of ['complaint', 'evidence', 'report'] as const) {
    const bytes = Buffer.concat([PDF_HEAD, randomBytes(DOC_BYTES - PDF_HEAD.length)]);
    await uploadDocument({
      db: deps.db,
      blobs: deps.blobs,
      clock: deps.clock,
      actor: actors.officer,
      caseId: opened.id,
      maxBytes: 1024 * 1024,
      receive: async () => ({
        kind,
        fileName: `${kind}.pdf`,
        content: Readable.from([bytes]),
        wasTruncated: () => false,
      }),
    });
  }
  await prepareSubmission({ ...base, caseId: opened.id });
  return opened.id;
}

/**
 * One full round trip, timed: the chief sends the case → it is delivered (signed receipt) → the
 * clerk registers it → the registration arrives at the station (its receipt back at the office).
 * The lane itself runs delivery passes (as a worker would), so lanes deliver each other's messages.
 */
export async function roundTrip(deps: AppDeps, actors: Actors, caseId: string): Promise<number> {
  const log = createLogger('silent');
  const deliver = () =>
    deliverDue({ db: deps.db, clock: deps.clock, log, transportFor: (n) => deps.exchange.transportFor(n) });
  const start = performance.now();
  await approveSubmission({
    db: deps.db,
    clock: deps.clock,
    actor: actors.chief,
    ip: null,
    caseId,
    exchange: deps.exchange,
  });
  let registered = false;
  for (let spin = 0; spin < 10_000; spin++) {
    if (!registered) {
      const file = await deps.db
        .selectFrom('intake_files')
        .select(['id', 'status'])
        .where('case_ref', '=', caseId)
        .executeTakeFirst();
      if (file) {
        await registerIntake({
          db: deps.db,
          clock: deps.clock,
          actor: actors.clerk,
          ip: null,
          intakeId: file.id,
          exchange: deps.exchange,
          body: {
            fileNumber: `B-${caseId.slice(0, 8)}`,
            branch: 'شعبه ۳ دادیاری',
            assignedJudge: 'دادیار احمدی',
          },
        });
        registered = true;
      }
    } else {
      const row = await deps.db
        .selectFrom('cases')
        .select('status')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      const answer = await deps.db
        .selectFrom('messages')
        .select('status')
        .where('direction', '=', 'out')
        .where('case_ref', '=', caseId)
        .where('type', '=', 'intake.registered')
        .executeTakeFirst();
      if (row.status === 'registered' && answer?.status === 'delivered') return performance.now() - start;
    }
    if ((await deliver()) === 0) await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`round trip for ${caseId} did not complete`);
}
