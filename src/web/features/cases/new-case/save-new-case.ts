import type { CaseOrigin, OpenCaseBody, UpdateCaseBody } from '../../../../domain/cases/case.schema.js';
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
  /** A complainant agreed to receive the case's new status by SMS. */
  smsConsent?: boolean;
  inCustody?: boolean;
  custodyStartedAt?: string | null;
}

export interface NewCaseValues extends UpdateCaseBody {
  origin: CaseOrigin;
  parties?: PartyFormValues[];
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
  if (p.role === 'complainant' && p.smsConsent) body.smsConsent = true;
  return body;
}

/**
 * The one request that opens the case (POST /api/cases): its fields, and its parties with the custody of each
 * accused marked as held. The server saves all of it in one transaction, or nothing.
 */
export function newCaseBodyOf(values: NewCaseValues): OpenCaseBody {
  const parties = (values.parties ?? []).map((p) => ({
    ...partyBodyOf(p),
    ...(p.inCustody && p.custodyStartedAt ? { custodyStartedAt: p.custodyStartedAt } : {}),
  }));
  return { origin: values.origin, ...caseFieldsOf(values), parties };
}

/**
 * Where a refusal of the new-case request points in the form: `body.parties.1.mobile` is the second party's
 * mobile (`['parties', 1, 'mobile']`), `body.narrative` the narrative.
 */
export function formPathOf(issuePath: string): (string | number)[] {
  return issuePath
    .split('.')
    .slice(1)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
