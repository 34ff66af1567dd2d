import { randomUUID } from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import { formatCaseNumber } from '../../domain/cases/case-number.js';
import { caseSearchKey } from '../../domain/cases/search-key.js';
import { jalaliYear } from '../../domain/jalali.js';
import type { Db, Tx } from '../db/client.js';
import type {
  CaseEventsTable,
  CasesTable,
  CustodyRecordsTable,
  Database,
  PartiesTable,
} from '../db/schema.js';
import type { DemoCasePlan } from './demo-cases.js';
import { inTransaction } from '../db/transaction.js';

/** The timeline event a new case starts with: the same type and details as the cases module's `openCase`. */
export const CASE_OPENED_EVENT = 'case.created';
const CUSTODY_LIMIT_MS = 24 * 60 * 60 * 1000;

// PostgreSQL takes at most 65,535 parameters in one statement.
const MAX_PARAMETERS = 65_000;

/** Inserts rows in as few multi-row statements as the parameter limit allows. */
async function insertMany<T extends keyof Database>(
  tx: Tx,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(first).length));
  for (let i = 0; i < rows.length; i += perStatement) {
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + perStatement))
      .execute();
  }
}

/**
 * Allocates case sequence numbers for a batch the way the cases module does — through
 * `case_counters`, per organisation and Jalali year — with one upsert that adds the batch's count
 * and returns the new last number. Returns each case's sequence, in the batch's order.
 */
async function allocateSequences(
  tx: Tx,
  plans: readonly DemoCasePlan[],
  years: readonly number[],
): Promise<number[]> {
  const counts = new Map<string, { orgId: string; year: number; count: number }>();
  plans.forEach((plan, i) => {
    const year = years[i] as number;
    const key = `${plan.station.id}|${year}`;
    const entry = counts.get(key) ?? { orgId: plan.station.id, year, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  });
  const rows = await tx
    .insertInto('case_counters')
    .values([...counts.values()].map((c) => ({ org_id: c.orgId, year: c.year, last_seq: c.count })))
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'year'])
        .doUpdateSet({ last_seq: sql<number>`case_counters.last_seq + excluded.last_seq` }),
    )
    .returning(['org_id', 'year', 'last_seq'])
    .execute();
  const next = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.org_id}|${r.year}`;
    next.set(key, r.last_seq - (counts.get(key)?.count ?? 0) + 1);
  }
  return plans.map((plan, i) => {
    const key = `${plan.station.id}|${years[i] as number}`;
    const seq = next.get(key) as number;
    next.set(key, seq + 1);
    return seq;
  });
}

/**
 * Writes one batch of planned cases in one transaction: counters, cases (with their search keys),
 * parties, custody records and their timeline events (types and details as the cases module writes
 * them), each table in multi-row INSERTs. Unlike the use cases it writes no audit entry per case:
 * nobody did these things; one `demo.seeded` entry records the whole seed.
 */
export async function writeDemoCaseBatch(db: Db, plans: readonly DemoCasePlan[]): Promise<void> {
  if (plans.length === 0) return;
  await inTransaction(db, async (tx) => {
    const years = plans.map((p) => jalaliYear(p.createdAt));
    const seqs = await allocateSequences(tx, plans, years);
    const cases: Insertable<CasesTable>[] = [];
    const parties: Insertable<PartiesTable>[] = [];
    const custody: Insertable<CustodyRecordsTable>[] = [];
    const events: Insertable<CaseEventsTable>[] = [];

    plans.forEach((plan, i) => {
      const caseId = randomUUID();
      const orgId = plan.station.id;
      const year = years[i] as number;
      const seq = seqs[i] as number;
      const caseNumber = formatCaseNumber(year, seq);
      const event = (type: string, at: Date, details: Record<string, unknown>) =>
        events.push({
          case_id: caseId,
          org_id: orgId,
          at,
          actor_user_id: plan.createdBy,
          type,
          details: JSON.stringify(details),
        });

      cases.push({
        id: caseId,
        org_id: orgId,
        year,
        seq,
        case_number: caseNumber,
        origin: plan.origin,
        tracking_code: plan.trackingCode,
        crime_category_code: plan.crimeCategoryCode,
        incident_at: plan.incidentAt,
        incident_province_code: plan.station.provinceCode,
        incident_county_code: plan.station.countyCode,
        incident_address: plan.incidentAddress,
        narrative: plan.narrative,
        accused_unknown: plan.accusedUnknown,
        search_key: caseSearchKey({ caseNumber, trackingCode: plan.trackingCode, parties: plan.parties }),
        created_by: plan.createdBy,
        updated_by: plan.createdBy,
        created_at: plan.createdAt,
        updated_at: plan.createdAt,
      });
      event(CASE_OPENED_EVENT, plan.createdAt, { origin: plan.origin, caseNumber });

      const partyIds = plan.parties.map((party) => {
        const id = randomUUID();
        parties.push({
          id,
          case_id: caseId,
          org_id: orgId,
          role: party.role,
          first_name: party.firstName,
          last_name: party.lastName,
          father_name: party.fatherName,
          national_id: party.nationalId,
          mobile: party.mobile,
          address: party.address,
          created_at: plan.createdAt,
          updated_at: plan.createdAt,
        });
        event('party.added', plan.createdAt, { partyId: id, role: party.role });
        return id;
      });

      const c = plan.custody;
      if (c) {
        const custodyId = randomUUID();
        const partyId = partyIds[c.partyIndex] as string;
        custody.push({
          id: custodyId,
          case_id: caseId,
          org_id: orgId,
          party_id: partyId,
          started_at: c.startedAt,
          ended_at: c.endedAt,
          end_reason: c.endReason,
          end_note: null,
          created_at: plan.createdAt,
        });
        event('custody.started', plan.createdAt, { custodyId, partyId });
        if (c.endedAt) {
          const endedInTime = c.endedAt.getTime() - c.startedAt.getTime() <= CUSTODY_LIMIT_MS;
          event('custody.ended', c.endedAt, { custodyId, partyId, endReason: c.endReason, endedInTime });
        }
      }
    });

    await insertMany(tx, 'cases', cases);
    await insertMany(tx, 'parties', parties);
    await insertMany(tx, 'custody_records', custody);
    await insertMany(tx, 'case_events', events);
  });
}
