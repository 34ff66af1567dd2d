import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/client.js';
import { recordAudit } from '../modules/audit/audit.repository.js';
import { DEMO_PROVINCE, demoCounties, demoOffices, demoStations, demoSupportUnits } from './demo-places.js';
import { demoUsers } from './demo-users.js';

/** What the demo's organisations and users were given as ids. */
export interface DemoDirectory {
  orgIdByCode: Map<string, string>;
  userIdByUsername: Map<string, string>;
}

/**
 * Writes the demo's counties, organisations (flagged `is_demo`), jurisdiction rules (one per county)
 * and users (flagged `is_demo`, with the given Argon2id hashes), each recorded in the audit log as
 * the use cases do — all inside the caller's transaction, so a failed seed leaves nothing behind.
 */
export async function writeDemoOrganisations(
  tx: Tx,
  input: { nodeId: string; at: Date; passwordHashes: ReadonlyMap<string, string> },
): Promise<DemoDirectory> {
  const audit = (
    action: 'organisation.created' | 'user.created' | 'jurisdiction.changed',
    resourceType: string,
    resourceId: string,
    orgId: string,
  ) =>
    recordAudit(tx, {
      action,
      actorUserId: null,
      actorOrgId: null,
      resourceType,
      resourceId,
      orgId,
      ip: null,
      at: input.at,
      details: { demo: true },
    });

  await tx
    .insertInto('counties')
    .values(
      demoCounties.map((c) => ({
        code: c.code,
        province_code: DEMO_PROVINCE,
        name_fa: c.nameFa,
        name_en: c.nameEn,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();

  const orgIdByCode = new Map<string, string>();
  for (const org of [...demoStations, ...demoOffices, ...demoSupportUnits]) {
    const id = randomUUID();
    orgIdByCode.set(org.code, id);
    await tx
      .insertInto('organisations')
      .values({
        id,
        code: org.code,
        kind: org.kind,
        name_fa: org.nameFa,
        name_en: org.nameEn,
        province_code: DEMO_PROVINCE,
        county_code: org.countyCode,
        node_id: input.nodeId,
        is_demo: true,
        created_at: input.at,
      })
      .execute();
    await audit('organisation.created', 'organisation', id, id);
  }

  for (const office of demoOffices) {
    const officeId = orgIdByCode.get(office.code) as string;
    await tx
      .insertInto('jurisdiction_rules')
      .values({
        id: randomUUID(),
        county_code: office.countyCode,
        station_id: null,
        prosecutor_office_id: officeId,
        created_at: input.at,
      })
      .execute();
    await audit('jurisdiction.changed', 'jurisdiction', office.countyCode, officeId);
  }

  const userIdByUsername = new Map<string, string>();
  for (const user of demoUsers) {
    const id = randomUUID();
    const orgId = orgIdByCode.get(user.orgCode);
    const hash = input.passwordHashes.get(user.username);
    if (!orgId || !hash) throw new Error(`demo user ${user.username}: unknown organisation or missing hash`);
    userIdByUsername.set(user.username, id);
    await tx
      .insertInto('users')
      .values({
        id,
        org_id: orgId,
        username: user.username,
        display_name: user.displayName,
        role: user.role,
        password_hash: hash,
        is_demo: true,
        created_at: input.at,
      })
      .execute();
    await audit('user.created', 'user', id, orgId);
  }
  return { orgIdByCode, userIdByUsername };
}
