import { AppError } from '../../../domain/errors.js';
import type {
  IntakeDecision,
  RegisterIntakeBody,
  RejectIntakeBody,
  ReturnIntakeBody,
  IntakeStatus,
} from '../../../domain/intake/intake.schema.js';
import type { Tx } from '../../db/client.js';
import type { IntakeFileRow, OrganisationRow } from '../../db/schema.js';
import type { Exchange } from '../exchange/exchange.js';
import { enqueueAnswer } from './intake-answer.js';
import { isFileNumberTaken, setIntakeFileFields } from './intake-files.repository.js';
import { withIntakeFile, type IntakeUseCaseInput } from './intake.ports.js';

type DecisionInput = IntakeUseCaseInput & { exchange: Pick<Exchange, 'signer' | 'kick'> };

/**
 * The clerk's decision on a received file, in one transaction with the answer message to the station
 * and the audit entry; only a file still `received` can be decided (`intake.invalid_state`).
 */
async function decide(
  input: DecisionInput,
  audit: 'intake.registered' | 'intake.returned' | 'intake.rejected',
  apply: (ctx: {
    tx: Tx;
    file: IntakeFileRow;
    now: Date;
    office: OrganisationRow;
    clerk: string;
  }) => Promise<{ status: IntakeStatus; messageId: string; details: Record<string, unknown> }>,
): Promise<IntakeDecision> {
  const decision = await withIntakeFile(
    { ...input, action: 'intake.decide', audit, forUpdate: true, withSender: true },
    async ({ tx, file, now, sender }) => {
      if (file.status !== 'received')
        throw new AppError('intake.invalid_state', { details: { status: file.status } });
      if (!sender?.organisation) throw new AppError('organisations.not_found');
      const done = await apply({ tx, file, now, office: sender.organisation, clerk: sender.signerName });
      return {
        value: { id: file.id, status: done.status, messageId: done.messageId },
        details: { messageId: done.messageId, ...done.details },
      };
    },
  );
  input.exchange.kick();
  return decision;
}

/** Registers a file under the office's file number, branch and assigned دادیار/بازپرس; answers `intake.registered`. */
export async function registerIntake(
  input: DecisionInput & { body: RegisterIntakeBody },
): Promise<IntakeDecision> {
  const { body } = input;
  return decide(input, 'intake.registered', async ({ tx, file, now, office, clerk }) => {
    if (await isFileNumberTaken(tx, { orgId: file.org_id, fileNumber: body.fileNumber, exceptId: file.id }))
      throw new AppError('intake.file_number_taken', {
        details: { fileNumber: body.fileNumber },
        issues: [{ path: 'body.fileNumber', code: 'intake.file_number_taken' }],
      });
    await setIntakeFileFields(tx, file.id, {
      status: 'registered',
      file_number: body.fileNumber,
      branch: body.branch,
      assigned_judge: body.assignedJudge,
      decided_at: now,
      decided_by: input.actor.userId,
    });
    const sent = await enqueueAnswer(tx, {
      signer: input.exchange.signer,
      now,
      file,
      office,
      createdBy: clerk,
      type: 'intake.registered',
      body: {
        fileNumber: body.fileNumber,
        branch: body.branch,
        assignedJudge: body.assignedJudge,
        registeredAt: now.toISOString(),
      },
    });
    return { status: 'registered', messageId: sent.id, details: { fileNumber: body.fileNumber } };
  });
}

/** Returns a file for completion (نقص) with the coded list of what is missing; answers `intake.returned`. */
export async function returnIntake(
  input: DecisionInput & { body: ReturnIntakeBody },
): Promise<IntakeDecision> {
  const { deficiencies } = input.body;
  return decide(input, 'intake.returned', async ({ tx, file, now, office, clerk }) => {
    await setIntakeFileFields(tx, file.id, {
      status: 'returned',
      decision: JSON.stringify({ deficiencies }),
      decided_at: now,
      decided_by: input.actor.userId,
    });
    const sent = await enqueueAnswer(tx, {
      signer: input.exchange.signer,
      now,
      file,
      office,
      createdBy: clerk,
      type: 'intake.returned',
      body: { deficiencies, returnedAt: now.toISOString() },
    });
    return { status: 'returned', messageId: sent.id, details: { codes: deficiencies.map((d) => d.code) } };
  });
}

/** Rejects a file with coded reasons (and the competent office, for wrong jurisdiction); answers `intake.rejected`. */
export async function rejectIntake(
  input: DecisionInput & { body: RejectIntakeBody },
): Promise<IntakeDecision> {
  const { reasons, competentOfficeCode } = input.body;
  return decide(input, 'intake.rejected', async ({ tx, file, now, office, clerk }) => {
    let competentOffice: { code: string; name: string } | null = null;
    if (competentOfficeCode) {
      const office = await tx
        .selectFrom('organisations')
        .selectAll()
        .where('code', '=', competentOfficeCode)
        .where('kind', '=', 'prosecutor_office')
        .executeTakeFirst();
      if (!office) throw new AppError('organisations.not_found', { details: { code: competentOfficeCode } });
      competentOffice = { code: office.code, name: office.name_fa };
    }
    await setIntakeFileFields(tx, file.id, {
      status: 'rejected',
      decision: JSON.stringify({ reasons, competentOffice }),
      decided_at: now,
      decided_by: input.actor.userId,
    });
    const sent = await enqueueAnswer(tx, {
      signer: input.exchange.signer,
      now,
      file,
      office,
      createdBy: clerk,
      type: 'intake.rejected',
      body: { reasons, competentOffice, rejectedAt: now.toISOString() },
    });
    return { status: 'rejected', messageId: sent.id, details: { codes: reasons.map((r) => r.code) } };
  });
}
