import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Actor } from '../src/domain/permissions.js';
import type { AppDeps } from '../src/server/app-deps.js';
import { addParty } from '../src/server/modules/cases/parties.usecases.js';
import { openCase } from '../src/server/modules/cases/open-case.usecase.js';
import { uploadDocument } from '../src/server/modules/documents/documents.usecases.js';
import { registerIntake } from '../src/server/modules/intake/intake-decisions.usecase.js';
import { approveSubmission } from '../src/server/modules/submission/approve-submission.usecase.js';
import { prepareSubmission } from '../src/server/modules/submission/prepare-submission.usecase.js';

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
 * clerk registers it → the registration arrives at the station and its receipt is back at the
 * office. Delivery is done by the node's workers (kicked after each commit); the lane only acts as
 * the chief and the clerk, and looks at the state between steps.
 */
export async function roundTrip(deps: AppDeps, actors: Actors, caseId: string): Promise<number> {
  const start = performance.now();
  await approveSubmission({
    db: deps.db,
    clock: deps.clock,
    actor: actors.chief,
    ip: null,
    caseId,
    exchange: deps.exchange,
  });
  const file = await waitFor(() =>
    deps.db.selectFrom('intake_files').select('id').where('case_ref', '=', caseId).executeTakeFirst(),
  );
  await registerIntake({
    db: deps.db,
    clock: deps.clock,
    actor: actors.clerk,
    ip: null,
    intakeId: file.id,
    exchange: deps.exchange,
    body: { fileNumber: `B-${caseId.slice(0, 8)}`, branch: 'شعبه ۳ دادیاری', assignedJudge: 'دادیار احمدی' },
  });
  await waitFor(() =>
    deps.db
      .selectFrom('messages')
      .select('id')
      .where('direction', '=', 'out')
      .where('case_ref', '=', caseId)
      .where('type', '=', 'intake.registered')
      .where('status', '=', 'delivered')
      .executeTakeFirst(),
  );
  return performance.now() - start;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('round trip did not complete in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
