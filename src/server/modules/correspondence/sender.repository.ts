import type { ExpressionBuilder } from 'kysely';
import { jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Tx } from '../../db/client.js';
import type { JsonRow } from '../../db/json-rows.js';
import type { Database, OrganisationRow } from '../../db/schema.js';
import { competentOfficeQuery, organisationFromJson } from '../organisations/index.js';

/** Who sends a message: the organisation, the name its person signs with, and a station's office. */
export interface Sender {
  organisation: OrganisationRow | null;
  /** Messages name people, they never carry another node's user ids (docs/protocol.md §6). */
  signerName: string;
  competentOffice: OrganisationRow | null;
}

/**
 * The sending organisation, the signer's name and — for a station — the prosecutor's office its
 * jurisdiction names (null for an office), as three columns: selected on their own (`findSender`) or
 * beside other columns of one statement; `senderOf` reads them back.
 */
export function senderColumns(
  eb: ExpressionBuilder<Database, never>,
  input: { orgId: string; userId: string },
) {
  return [
    jsonObjectFrom(eb.selectFrom('organisations').selectAll().where('id', '=', input.orgId)).as(
      'organisation',
    ),
    eb.selectFrom('users').select('display_name').where('id', '=', input.userId).as('signer_name'),
    jsonObjectFrom(competentOfficeQuery(eb, { id: input.orgId })).as('competent_office'),
  ] as const;
}

/** What `senderColumns` selects. */
export interface SenderColumns {
  organisation: JsonRow<OrganisationRow, 'created_at'> | null;
  signer_name: string | null;
  competent_office: JsonRow<OrganisationRow, 'created_at'> | null;
}

/**
 * The sender from the columns `senderColumns` selected. The name falls back to the user id if the
 * user is gone, which cannot happen for a signed-in actor.
 */
export function senderOf(row: SenderColumns, userId: string): Sender {
  return {
    organisation: organisationFromJson(row.organisation),
    signerName: row.signer_name ?? userId,
    competentOffice: organisationFromJson(row.competent_office),
  };
}

/** The sender (`senderColumns`) in one statement: one round trip instead of three. */
export async function findSender(tx: Tx, input: { orgId: string; userId: string }): Promise<Sender> {
  const row = await tx.selectNoFrom((eb) => senderColumns(eb, input)).executeTakeFirstOrThrow();
  return senderOf(row, input.userId);
}
