import type { Updateable } from 'kysely';
import { AppError } from '../../../domain/errors.js';
import { intakeSteps } from '../../../domain/intake/intake-actions.js';
import type {
  IntakeDecision,
  RegisterIntakeBody,
  RejectIntakeBody,
  ReturnIntakeBody,
} from '../../../domain/intake/intake.schema.js';
import type { MessageBody } from '../../../domain/messages/bodies.js';
import type { Tx } from '../../db/client.js';
import type { IntakeFileRow, IntakeFilesTable } from '../../db/schema.js';
import type { Exchange } from '../exchange/index.js';
import { assertChosenFromOfficeLists } from '../office-lists/index.js';
import { findOrganisationByCode } from '../organisations/index.js';
import { assertIntakeStep } from './intake-access.policy.js';
import { enqueueAnswer } from '../correspondence/index.js';
import { isFileNumberTaken, setIntakeFileFields } from './intake-files.repository.js';
import { withIntakeFile, type IntakeUseCaseInput } from './intake.ports.js';

type DecisionInput = IntakeUseCaseInput & { exchange: Pick<Exchange, 'signer' | 'kick'> };

/** A decision is named by the file's new status; its audit action and its answer's type are `intake.<status>`. */
type DecidedStatus = 'registered' | 'returned' | 'rejected';

/** The step of the file's `allowed` flags (`intakeSteps`) that takes it to each status. */
const stepTo = { registered: 'register', returned: 'return', rejected: 'reject' } as const;

/** What one decision writes on the file, says to the station, and notes in the audit entry. */
interface Decided<S extends DecidedStatus> {
  fields: Omit<Updateable<IntakeFilesTable>, 'status' | 'decided_at' | 'decided_by'>;
  answer: MessageBody<`intake.${S}`>;
  details: Record<string, unknown>;
}

/**
 * The clerk's decision on a received file, in one transaction: the file takes its new status and the
 * decision's fields, the answer to the station is queued, and the audit entry is written. Only a file
 * still `received` can be decided (`intake.invalid_state`: `intakeSteps`, the rule behind the file's `allowed` flags).
 */
async function decide<S extends DecidedStatus>(
  input: DecisionInput,
  status: S,
  settle: (ctx: { tx: Tx; file: IntakeFileRow; now: Date }) => Promise<Decided<S>>,
): Promise<IntakeDecision> {
  const type = `intake.${status}` as const;
  const step = stepTo[status];
  const decision = await withIntakeFile(
    { ...input, action: intakeSteps[step].action, audit: type, forUpdate: true, withSender: true },
    async ({ tx, file, now, sender }) => {
      assertIntakeStep(step, file);
      if (!sender?.organisation) throw new AppError('organisations.not_found');
      const { fields, answer, details } = await settle({ tx, file, now });
      await setIntakeFileFields(tx, file.id, {
        ...fields,
        status,
        decided_at: now,
        decided_by: input.actor.userId,
      });
      const sent = await enqueueAnswer(tx, {
        signer: input.exchange.signer,
        now,
        file,
        office: sender.organisation,
        createdBy: sender.signerName,
        type,
        body: answer,
      });
      return {
        value: { id: file.id, status, messageId: sent.id },
        details: { messageId: sent.id, ...details },
      };
    },
  );
  input.exchange.kick();
  return decision;
}

/**
 * Registers a file under the office's file number, branch and assigned دادیار/بازپرس (chosen from the office's
 * lists once it keeps them); answers `intake.registered`.
 */
export async function registerIntake(
  input: DecisionInput & { body: RegisterIntakeBody },
): Promise<IntakeDecision> {
  const { fileNumber, branch, assignedJudge } = input.body;
  return decide(input, 'registered', async ({ tx, file, now }) => {
    if (await isFileNumberTaken(tx, { orgId: file.org_id, fileNumber, exceptId: file.id }))
      throw new AppError('intake.file_number_taken', {
        details: { fileNumber },
        issues: [{ path: 'body.fileNumber', code: 'intake.file_number_taken' }],
      });
    await assertChosenFromOfficeLists(tx, file.org_id, { branch, assignedJudge });
    return {
      fields: { file_number: fileNumber, branch, assigned_judge: assignedJudge },
      answer: { fileNumber, branch, assignedJudge, registeredAt: now.toISOString() },
      details: { fileNumber },
    };
  });
}

/** Returns a file for completion (نقص) with the coded list of what is missing; answers `intake.returned`. */
export async function returnIntake(
  input: DecisionInput & { body: ReturnIntakeBody },
): Promise<IntakeDecision> {
  const { deficiencies } = input.body;
  return decide(input, 'returned', async ({ now }) => ({
    fields: { decision: JSON.stringify({ deficiencies }) },
    answer: { deficiencies, returnedAt: now.toISOString() },
    details: { codes: deficiencies.map((d) => d.code) },
  }));
}

/** Rejects a file with coded reasons (and the competent office, for wrong jurisdiction); answers `intake.rejected`. */
export async function rejectIntake(
  input: DecisionInput & { body: RejectIntakeBody },
): Promise<IntakeDecision> {
  const { reasons, competentOfficeCode } = input.body;
  return decide(input, 'rejected', async ({ tx, now }) => {
    let competentOffice: { code: string; name: string } | null = null;
    if (competentOfficeCode) {
      const office = await findOrganisationByCode(tx, competentOfficeCode, 'prosecutor_office');
      if (!office) throw new AppError('organisations.not_found', { details: { code: competentOfficeCode } });
      competentOffice = { code: office.code, name: office.name_fa };
    }
    return {
      fields: { decision: JSON.stringify({ reasons, competentOffice }) },
      answer: { reasons, competentOffice, rejectedAt: now.toISOString() },
      details: { codes: reasons.map((r) => r.code) },
    };
  });
}
