import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import {
  IRAN,
  missingIdentity,
  smsConsentError,
  type AddPartyBody,
  type Party,
  type UpdatePartyBody,
} from '../../../domain/cases/party.schema.js';
import { AppError } from '../../../domain/errors.js';
import type { Tx } from '../../db/client.js';
import type { CaseRow, PartiesTable, PartyRow } from '../../db/schema.js';
import { presentCaseParty } from './case.presenter.js';
import { changeCase, type CaseContext, type CaseUseCaseInput } from './case.ports.js';
import { hasCustodyRecords } from './custody.repository.js';
import {
  deleteParty,
  findPartyOfCase,
  insertParty,
  updateParty as updatePartyRow,
} from './parties.repository.js';

/** The party columns a body sets (text exactly as sent; identifiers as the schema normalised them). */
function partyColumnsOf(body: UpdatePartyBody): Updateable<PartiesTable> {
  const columns: Updateable<PartiesTable> = {};
  if (body.role !== undefined) columns.role = body.role;
  if (body.firstName !== undefined) columns.first_name = body.firstName;
  if (body.lastName !== undefined) columns.last_name = body.lastName;
  if (body.fatherName !== undefined) columns.father_name = body.fatherName;
  if (body.nationalId !== undefined) columns.national_id = body.nationalId;
  if (body.passportNumber !== undefined) columns.passport_number = body.passportNumber;
  if (body.nationality !== undefined) columns.nationality = body.nationality;
  if (body.mobile !== undefined) columns.mobile = body.mobile;
  if (body.address !== undefined) columns.address = body.address;
  if (body.smsConsent !== undefined) columns.sms_consent = body.smsConsent;
  return columns;
}

/** Throws `parties.identity_required` (naming the field) unless the party, with `body` applied, is identified enough. */
function assertIdentifiedAfter(current: PartyRow, body: UpdatePartyBody): void {
  const missing = missingIdentity({
    role: body.role ?? current.role,
    nationality: body.nationality ?? current.nationality,
    nationalId: body.nationalId === undefined ? current.national_id : body.nationalId,
    passportNumber: body.passportNumber === undefined ? current.passport_number : body.passportNumber,
  });
  if (missing)
    throw new AppError('parties.identity_required', {
      issues: [{ path: `body.${missing}`, code: 'parties.identity_required' }],
    });
  const consentError = smsConsentError({
    role: body.role ?? current.role,
    mobile: body.mobile === undefined ? current.mobile : body.mobile,
    smsConsent: body.smsConsent ?? current.sms_consent,
  });
  if (consentError)
    throw new AppError(consentError, { issues: [{ path: 'body.smsConsent', code: consentError }] });
}

/** A party of the case in hand, or `parties.not_found` (a party of another case is not found either). */
async function getPartyOf(ctx: CaseContext, partyId: string): Promise<PartyRow> {
  const party = await findPartyOfCase(ctx.tx, ctx.row.id, partyId);
  if (!party) throw new AppError('parties.not_found');
  return party;
}

/** Writes a new party of the case in the caller's transaction (the body already validated). */
export async function insertPartyOf(
  tx: Tx,
  row: Pick<CaseRow, 'id' | 'org_id'>,
  body: AddPartyBody,
  now: Date,
): Promise<PartyRow> {
  return insertParty(tx, {
    ...partyColumnsOf(body),
    id: randomUUID(),
    case_id: row.id,
    org_id: row.org_id,
    role: body.role,
    first_name: body.firstName,
    last_name: body.lastName,
    nationality: body.nationality ?? IRAN,
    created_at: now,
    updated_at: now,
  });
}

/** Adds a complainant, accused, witness or informant to a draft case. */
export async function addParty(input: CaseUseCaseInput & { body: AddPartyBody }): Promise<Party> {
  return changeCase({ ...input, audit: 'party.added' }, async ({ tx, row, now }) => {
    const party = await insertPartyOf(tx, row, input.body, now);
    return {
      value: presentCaseParty(party),
      event: {
        type: 'party.added',
        details: { partyId: party.id, role: party.role },
        after: presentCaseParty(party),
      },
    };
  });
}

/**
 * Changes a party of a draft case. The merged party must still be identified; an accused held in
 * custody stays an accused until the custody ends (`parties.has_custody`).
 */
export async function updateParty(
  input: CaseUseCaseInput & { partyId: string; body: UpdatePartyBody },
): Promise<Party> {
  return changeCase({ ...input, audit: 'party.updated' }, async (ctx) => {
    const current = await getPartyOf(ctx, input.partyId);
    assertIdentifiedAfter(current, input.body);
    const leavesAccused =
      current.role === 'accused' && input.body.role !== undefined && input.body.role !== 'accused';
    if (leavesAccused && (await hasCustodyRecords(ctx.tx, current.id, { runningOnly: true })))
      throw new AppError('parties.has_custody');
    const party = await updatePartyRow(ctx.tx, current.id, {
      ...partyColumnsOf(input.body),
      updated_at: ctx.now,
    });
    return {
      value: presentCaseParty(party),
      event: {
        type: 'party.updated',
        details: { partyId: party.id, role: party.role, fields: Object.keys(input.body) },
        before: presentCaseParty(current),
        after: presentCaseParty(party),
      },
    };
  });
}

/** Removes a party from a draft case; a party with custody records stays (`parties.has_custody`), as custody is a legal record. */
export async function removeParty(input: CaseUseCaseInput & { partyId: string }): Promise<void> {
  await changeCase({ ...input, audit: 'party.removed' }, async (ctx) => {
    const party = await getPartyOf(ctx, input.partyId);
    if (await hasCustodyRecords(ctx.tx, party.id)) throw new AppError('parties.has_custody');
    await deleteParty(ctx.tx, party.id);
    return {
      value: undefined,
      event: {
        type: 'party.removed',
        details: { partyId: party.id, role: party.role },
        before: presentCaseParty(party),
      },
    };
  });
}
