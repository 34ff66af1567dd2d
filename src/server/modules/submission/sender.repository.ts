import { jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Tx } from '../../db/client.js';
import { withDates, type JsonRow } from '../../db/json-rows.js';
import type { OrganisationRow } from '../../db/schema.js';
import { competentOfficeQuery } from '../organisations/organisations.repository.js';

/** Who sends a message: the organisation, the name its person signs with, and a station's office. */
export interface Sender {
  organisation: OrganisationRow | null;
  /** Messages name people, they never carry another node's user ids (DESIGN.md §3). */
  signerName: string;
  competentOffice: OrganisationRow | null;
}

/** An organisation read back from JSON, its timestamp a Date again. */
function organisationFromJson(row: JsonRow<OrganisationRow, 'created_at'> | null): OrganisationRow | null {
  return row ? withDates<OrganisationRow, 'created_at'>(row, ['created_at']) : null;
}

/**
 * The sending organisation, the signer's name and — for a station — the prosecutor's office its
 * jurisdiction names (null for an office), in one statement: one round trip instead of three. The
 * name falls back to the user id if the user is gone, which cannot happen for a signed-in actor.
 */
export async function findSender(tx: Tx, input: { orgId: string; userId: string }): Promise<Sender> {
  const row = await tx
    .selectNoFrom((eb) => [
      jsonObjectFrom(eb.selectFrom('organisations').selectAll().where('id', '=', input.orgId)).as(
        'organisation',
      ),
      eb.selectFrom('users').select('display_name').where('id', '=', input.userId).as('signer_name'),
      jsonObjectFrom(competentOfficeQuery(eb, { id: input.orgId })).as('competent_office'),
    ])
    .executeTakeFirstOrThrow();
  return {
    organisation: organisationFromJson(row.organisation),
    signerName: row.signer_name ?? input.userId,
    competentOffice: organisationFromJson(row.competent_office),
  };
}
