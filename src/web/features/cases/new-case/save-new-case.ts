import type { CaseOrigin, UpdateCaseBody } from '../../../../domain/cases/case.schema.js';
import type { AddPartyBody, PartyRole } from '../../../../domain/cases/party.schema.js';

/** One party as the form holds it; `key` is stable for the life of the form (indexes move when a row is removed). */
export interface PartyFormValues {
  key: string;
  role: PartyRole;
  firstName: string;
  lastName: string;
  fatherName?: string;
  nationalId?: string;
  passportNumber?: string;
  mobile?: string;
  address?: string;
  inCustody?: boolean;
  custodyStartedAt?: string | null;
}

export interface NewCaseValues extends UpdateCaseBody {
  origin: CaseOrigin;
  parties?: PartyFormValues[];
}

/** What earlier attempts already created on the server, so that a retry continues instead of duplicating. */
export interface SavedSoFar {
  caseId: string | null;
  /** form key → party id */
  parties: Record<string, string>;
  /** form key → custody id */
  custody: Record<string, string>;
}

export const nothingSaved = (): SavedSoFar => ({ caseId: null, parties: {}, custody: {} });

export interface SaveCalls {
  createCase: (body: UpdateCaseBody & { origin: CaseOrigin }) => Promise<{ id: string }>;
  updateCase: (caseId: string, fields: UpdateCaseBody) => Promise<unknown>;
  addParty: (caseId: string, party: AddPartyBody) => Promise<{ id: string }>;
  updateParty: (caseId: string, partyId: string, party: AddPartyBody) => Promise<unknown>;
  startCustody: (caseId: string, partyId: string, startedAt: string) => Promise<{ id: string }>;
}

export type SaveStep = 'case' | 'party' | 'custody';

/** A save that stopped at a step; `partyIndex` says which party, for placing field errors. */
export class SaveFailed extends Error {
  constructor(
    readonly step: SaveStep,
    override readonly cause: unknown,
    readonly partyIndex?: number,
  ) {
    super(`saving the new case failed at ${step}`);
    this.name = 'SaveFailed';
  }
}

const blankToUndefined = (v: string | null | undefined) =>
  v === null || v === undefined || v.trim() === '' ? undefined : v;

/** The case fields of the form, without empty strings. */
export function caseFieldsOf(values: NewCaseValues): UpdateCaseBody {
  const fields: UpdateCaseBody = { accusedUnknown: values.accusedUnknown ?? false };
  for (const name of [
    'crimeCategoryCode',
    'incidentAt',
    'incidentProvinceCode',
    'incidentCountyCode',
    'incidentAddress',
    'narrative',
  ] as const) {
    const v = blankToUndefined(values[name]);
    if (v !== undefined) fields[name] = v;
  }
  return fields;
}

/** The API body of a party, without empty strings. */
export function partyBodyOf(p: PartyFormValues): AddPartyBody {
  const body: AddPartyBody = { role: p.role, firstName: p.firstName.trim(), lastName: p.lastName.trim() };
  for (const name of ['fatherName', 'nationalId', 'passportNumber', 'mobile', 'address'] as const) {
    const v = blankToUndefined(p[name]);
    if (v !== undefined) body[name] = v;
  }
  return body;
}

/**
 * Saves a new case in steps: the case, then each party, then each custody. `saved` is updated as each
 * step succeeds (and kept by the caller), so that after a failure the same call continues where it stopped.
 * Returns the case id; throws SaveFailed.
 */
export async function saveNewCase(
  values: NewCaseValues,
  saved: SavedSoFar,
  calls: SaveCalls,
): Promise<string> {
  const fields = caseFieldsOf(values);
  try {
    if (saved.caseId === null)
      saved.caseId = (await calls.createCase({ origin: values.origin, ...fields })).id;
    else await calls.updateCase(saved.caseId, fields);
  } catch (error) {
    throw new SaveFailed('case', error);
  }
  const caseId = saved.caseId;
  const parties = values.parties ?? [];
  for (const [index, party] of parties.entries()) {
    try {
      const existing = saved.parties[party.key];
      if (existing) await calls.updateParty(caseId, existing, partyBodyOf(party));
      else saved.parties[party.key] = (await calls.addParty(caseId, partyBodyOf(party))).id;
    } catch (error) {
      throw new SaveFailed('party', error, index);
    }
  }
  for (const [index, party] of parties.entries()) {
    const partyId = saved.parties[party.key];
    if (!party.inCustody || !party.custodyStartedAt || !partyId || saved.custody[party.key]) continue;
    try {
      saved.custody[party.key] = (await calls.startCustody(caseId, partyId, party.custodyStartedAt)).id;
    } catch (error) {
      throw new SaveFailed('custody', error, index);
    }
  }
  return caseId;
}
