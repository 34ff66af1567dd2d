import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Actor } from '../src/domain/permissions.js';
import type { AppDeps } from '../src/server/app-deps.js';
import type { DeliveredMessage } from '../src/server/modules/exchange/delivery-worker.js';
import { addParty } from '../src/server/modules/cases/parties.usecase.js';
import { openCase } from '../src/server/modules/cases/open-case.usecase.js';
import { uploadDocument } from '../src/server/modules/documents/documents.usecase.js';
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

/** Lets a lane wait for the delivery of a case's message of one type, told by the delivery workers. */
export function deliveryWaiters() {
  const waiting = new Map<string, () => void>();
  const delivered = new Set<string>();
  const key = (caseRef: string, type: string) => `${type}:${caseRef}`;
  return {
    onDelivered: (m: DeliveredMessage) => {
      const k = key(m.caseRef, m.type);
      const resolve = waiting.get(k);
      if (resolve) {
        waiting.delete(k);
        resolve();
      } else delivered.add(k);
    },
    waitFor: (caseRef: string, type: string, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const k = key(caseRef, type);
        if (delivered.delete(k)) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`${type} of ${caseRef} not delivered in time`)),
          timeoutMs,
        );
        waiting.set(k, () => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
export type DeliveryWaiters = ReturnType<typeof deliveryWaiters>;

/**
 * One full round trip, timed: the chief sends the case → it is delivered (signed receipt) → the
 * clerk registers it → the registration arrives at the station and its receipt is back at the
 * office. Delivery is done by the node's workers (kicked after each commit); the lane only acts as
 * the chief and the clerk, waiting between steps for the workers to tell of each delivery.
 */
export async function roundTrip(
  deps: AppDeps,
  actors: Actors,
  caseId: string,
  deliveries: DeliveryWaiters,
): Promise<number> {
  const start = performance.now();
  await approveSubmission({
    db: deps.db,
    clock: deps.clock,
    actor: actors.chief,
    ip: null,
    caseId,
    exchange: deps.exchange,
  });
  await deliveries.waitFor(caseId, 'case.submitted');
  const file = await deps.db
    .selectFrom('intake_files')
    .select('id')
    .where('case_ref', '=', caseId)
    .executeTakeFirstOrThrow();
  await registerIntake({
    db: deps.db,
    clock: deps.clock,
    actor: actors.clerk,
    ip: null,
    intakeId: file.id,
    exchange: deps.exchange,
    body: { fileNumber: `B-${caseId.slice(0, 8)}`, branch: 'شعبه ۳ دادیاری', assignedJudge: 'دادیار احمدی' },
  });
  await deliveries.waitFor(caseId, 'intake.registered');
  return performance.now() - start;
}
