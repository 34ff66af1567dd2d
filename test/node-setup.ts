import type { ChildProcess } from 'node:child_process';
import type { Role } from '../src/domain/roles.js';
import type { TrustEntry } from '../src/domain/trust.schema.js';
import type { Db } from '../src/server/db/client.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedReference } from '../src/server/db/reference/seed-reference.js';
import { loadOrCreateNodeKeys } from '../src/server/modules/exchange/trust/node-keys.usecase.js';
import { exportOwnTrustEntry, upsertPeer } from '../src/server/modules/exchange/trust/trust.repository.js';
import {
  createOrganisation,
  setJurisdictionRule,
} from '../src/server/modules/organisations/organisations.usecase.js';
import { createUser } from '../src/server/modules/users/users.usecase.js';
import { systemClock } from '../src/server/platform/clock.js';
import { TEST_PASSWORD } from './factories.js';

/**
 * Setting up nodes that run as child processes (`casebridge serve`), for the crash soak and the two-node
 * benchmark: each node's database prepared before it starts, then the two introduced to each other.
 */

/** Where a node keeps its data and database, and the URL its peers reach it at. */
export interface NodeSite {
  nodeId: string;
  dataDir: string;
  /** A PostgreSQL database of its own, or undefined: an embedded PostgreSQL in `dataDir`. */
  databaseUrl: string | undefined;
  url: string;
}

/** The county of every organisation set up here (a jurisdiction rule sends its stations' files to the office). */
export const SETUP_COUNTY = 'IR-23-TEHRAN';

/** Opens a node's database as the node does, runs `use`, closes it (stopping an embedded server). */
export async function withNodeDb<T>(node: NodeSite, use: (db: Db) => Promise<T>): Promise<T> {
  const database = await openDatabase({
    databaseUrl: node.databaseUrl,
    dataDir: node.dataDir,
    poolSize: 2,
    client: { batching: false },
  });
  try {
    return await use(database.db);
  } finally {
    await database.close();
  }
}

/** Resolves when the child's output (stdout and stderr) holds `text`; rejects if it exits first. */
export function outputOf(child: ChildProcess, text: string, what: string): Promise<void> {
  let out = '';
  return new Promise<void>((resolve, reject) => {
    const listen = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes(text)) {
        child.stdout!.off('data', listen);
        resolve();
      }
    };
    child.stdout!.on('data', listen);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('exit', () => reject(new Error(`${what} exited: ${out.slice(-2000)}`)));
  });
}

/**
 * Migrates the node's database, adds its organisation and users (password `TEST_PASSWORD`), and returns its
 * trust entry.
 */
export async function prepareNode(
  node: NodeSite,
  org: { code: string; kind: 'station' | 'prosecutor_office' },
  users: { username: string; role: Role }[],
): Promise<TrustEntry> {
  return withNodeDb(node, async (db) => {
    await migrate(db);
    await seedReference(db);
    const created = await createOrganisation({
      db,
      clock: systemClock,
      actor: null,
      nodeId: node.nodeId,
      body: {
        code: org.code,
        kind: org.kind,
        nameFa: `واحد ${org.code}`,
        nameEn: org.code,
        provinceCode: 'IR-23',
        countyCode: SETUP_COUNTY,
      },
    });
    for (const user of users)
      await createUser({
        db,
        clock: systemClock,
        actor: null,
        body: {
          orgId: created.id,
          username: user.username,
          displayName: user.username,
          role: user.role,
          password: TEST_PASSWORD,
        },
      });
    const keys = await loadOrCreateNodeKeys({ dataDir: node.dataDir, nodeId: node.nodeId });
    return exportOwnTrustEntry(db, { nodeId: node.nodeId, baseUrl: node.url, keys });
  });
}

/**
 * Introduces a police node and a judiciary node to each other (each trusts the other's entry) and makes the
 * office `officeCode` competent for the county on both (the station sends its files there; the office, on
 * its own table, takes them as its own).
 */
export async function introduceNodes(
  police: { site: NodeSite; trust: TrustEntry },
  judiciary: { site: NodeSite; trust: TrustEntry; officeCode: string },
): Promise<void> {
  const officeIsCompetent = async (db: Db) => {
    const office = await db
      .selectFrom('organisations')
      .select('id')
      .where('code', '=', judiciary.officeCode)
      .executeTakeFirstOrThrow();
    await setJurisdictionRule({
      db,
      clock: systemClock,
      actor: null,
      rule: { countyCode: SETUP_COUNTY, prosecutorOfficeId: office.id },
    });
  };
  await withNodeDb(police.site, async (db) => {
    await upsertPeer(db, judiciary.trust);
    await officeIsCompetent(db);
  });
  await withNodeDb(judiciary.site, async (db) => {
    await upsertPeer(db, police.trust);
    await officeIsCompetent(db);
  });
}
