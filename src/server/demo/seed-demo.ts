import { randomBytes } from 'node:crypto';
import { DEMO_LOCK, withAdvisoryLock } from '../db/advisory-lock.js';
import type { Db } from '../db/client.js';
import { crimeCategories } from '../db/reference/crime-categories.js';
import { recordAudit } from '../modules/audit/audit.repository.js';
import type { Clock } from '../platform/clock.js';
import { hashPassword } from '../platform/passwords.js';
import { writeDemoCaseBatch } from './demo-case-writer.js';
import { DEFAULT_DEMO_CASES, DEFAULT_DEMO_SEED } from './demo-defaults.js';
import { createDemoCasePlanner, type DemoCasePlan, type DemoCaseStation } from './demo-cases.js';
import { DEMO_PROVINCE, demoCounties, demoStations } from './demo-places.js';
import { demoUsers, type DemoUserSpec } from './demo-users.js';
import { writeDemoOrganisations } from './demo-organisations.js';
import { inTransaction } from '../db/transaction.js';
import { seedDemoRollout } from '../modules/rollout/index.js';
import { demoUnitsRegister } from './demo-units.js';

export { DEFAULT_DEMO_CASES, DEFAULT_DEMO_SEED };

/** What a demo seed made, and the one-time password of its users (shown once, never stored in clear). */
export interface DemoSeedResult {
  /** The seed the cases were generated from (the demo's exchange plays from it too). */
  seed: number;
  password: string;
  users: readonly DemoUserSpec[];
  organisations: number;
  cases: number;
  seconds: number;
}

/**
 * Whether the node should seed the demo at start: only into a database with no organisations yet,
 * and then when `DEMO=true`, or `DEMO=auto` on the embedded database — never into a server named by
 * `DATABASE_URL` unless asked.
 */
export async function shouldSeedDemo(input: {
  db: Db;
  demo: 'auto' | 'true' | 'false';
  embedded: boolean;
}): Promise<boolean> {
  if (input.demo === 'false' || (input.demo === 'auto' && !input.embedded)) return false;
  return !(await hasOrganisations(input.db));
}

/**
 * Seeds the demo when the node should have it (`shouldSeedDemo`), once however many processes start together on
 * one database server: under the advisory lock `DEMO_LOCK`, held on a connection of `lockDb` — a pool other than
 * `db`'s, as the seeding uses both connections of the maintenance pool and a lock held on one of them starved it
 * (the hang docs/decisions/0020 recorded). The process that waited finds the organisations there and seeds
 * nothing (null). An embedded database belongs to one process: no lock.
 */
export async function seedDemoOnce(input: {
  db: Db;
  lockDb: Db;
  clock: Clock;
  nodeId: string;
  demo: 'auto' | 'true' | 'false';
  embedded: boolean;
  cases?: number;
}): Promise<DemoSeedResult | null> {
  const run = async () => ((await shouldSeedDemo(input)) ? seedDemo(input) : null);
  if (input.embedded) return run();
  return withAdvisoryLock(input.lockDb, DEMO_LOCK, run);
}

/** True once any organisation exists (the demo is seeded only into an empty node). */
export async function hasOrganisations(db: Db): Promise<boolean> {
  return (await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** A password for the demo users: 12 characters from an unambiguous alphabet, from `node:crypto`. */
function demoPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from(randomBytes(12), (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Seeds the demo: organisations, jurisdiction and users in one transaction (audited), then `cases`
 * generated from `seed` in batches of `batchSize` (one transaction each). Names, national IDs and
 * dates follow from the seed and the clock; ids and the users' password are random. The reference
 * data (provinces, crime categories) must be seeded first.
 */
export async function seedDemo(input: {
  db: Db;
  clock: Clock;
  nodeId: string;
  cases?: number;
  seed?: number;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<DemoSeedResult> {
  const started = performance.now();
  const total = input.cases ?? DEFAULT_DEMO_CASES;
  const seed = input.seed ?? DEFAULT_DEMO_SEED;
  const now = input.clock.now();
  const password = demoPassword();
  const passwordHashes = new Map(
    await Promise.all(demoUsers.map(async (u) => [u.username, await hashPassword(password)] as const)),
  );

  const directory = await input.db
    .transaction()
    .execute((tx) => writeDemoOrganisations(tx, { nodeId: input.nodeId, at: now, passwordHashes }));

  const stations: DemoCaseStation[] = demoStations.map((s, i) => {
    const county = demoCounties.find((c) => c.code === s.countyCode);
    const authorIds = demoUsers
      .filter((u) => u.orgCode === s.code)
      .map((u) => directory.userIdByUsername.get(u.username) as string);
    if (!county || !s.area || authorIds.length === 0) throw new Error(`demo station ${s.code} is incomplete`);
    return {
      id: directory.orgIdByCode.get(s.code) as string,
      countyCode: s.countyCode,
      provinceCode: DEMO_PROVINCE,
      cityFa: county.cityFa,
      neighbourhoodFa: s.area.neighbourhoodFa,
      streetsFa: s.area.streetsFa,
      authorIds,
      weight: i < 2 ? 3 : 1,
    };
  });
  const planner = createDemoCasePlanner({
    seed,
    total,
    now,
    stations,
    crimeCategoryCodes: crimeCategories.map((c) => c.code),
  });
  const batchSize = input.batchSize ?? 1000;
  let done = 0;
  let plan = planner.next();
  while (plan) {
    const batch: DemoCasePlan[] = [];
    while (plan && batch.length < batchSize) {
      batch.push(plan);
      plan = planner.next();
    }
    await writeDemoCaseBatch(input.db, batch);
    done += batch.length;
    input.onProgress?.(done, total);
  }

  // The national register and its rollout; the two stations with chiefs went live two months ago.
  const liveSince = new Date(now.getTime() - 60 * 86_400_000);
  await inTransaction(input.db, (tx) =>
    seedDemoRollout(tx, {
      units: demoUnitsRegister(seed),
      now,
      liveSince: new Map([
        ['KL-101', liveSince],
        ['KL-102', liveSince],
      ]),
    }),
  );
  await inTransaction(input.db, (tx) =>
    recordAudit(tx, {
      action: 'demo.seeded',
      actorUserId: null,
      actorOrgId: null,
      resourceType: 'node',
      resourceId: input.nodeId,
      orgId: null,
      ip: null,
      at: input.clock.now(),
      details: { seed, cases: done, organisations: directory.orgIdByCode.size, users: demoUsers.length },
    }),
  );
  return {
    seed,
    password,
    users: demoUsers,
    organisations: directory.orgIdByCode.size,
    cases: done,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The lines that show the demo log-ins: printed once, when the demo is seeded, and marked DEMO. */
export function demoCredentialLines(result: DemoSeedResult): string[] {
  const width = Math.max(...result.users.map((u) => u.username.length));
  return [
    '==================== DEMO ====================',
    'DEMO data seeded: these log-ins are for trying casebridge out only.',
    `DEMO password (all demo users): ${result.password}`,
    'DEMO: the password is shown only this once; it is not stored in clear anywhere.',
    ...result.users.map((u) => `DEMO  ${u.username.padEnd(width)}  ${u.role.padEnd(16)}  ${u.orgCode}`),
    '==============================================',
  ];
}
