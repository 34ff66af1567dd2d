import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';

export interface MonthSpeedRow {
  bucket: number;
  received: number;
  median_receipt: number | null;
  p90_receipt: number | null;
  registered: number;
  median_registration: number | null;
  p90_registration: number | null;
}

/**
 * Per month (the buckets between `bounds`), for the files of live units the offices on this node received: hours
 * from the station opening the file to the office's receipt and to its registration, median and 90th percentile.
 */
export async function findSpeedByMonth(db: DbOrTx, bounds: readonly Date[]): Promise<MonthSpeedRow[]> {
  const from = bounds[0];
  const to = bounds.at(-1);
  if (!from || !to) return [];
  const edges = bounds.map((b) => b.toISOString());
  const result = await sql<MonthSpeedRow>`
    with f as (
      select width_bucket(i.received_at, ${edges}::timestamptz[]) as bucket,
             extract(epoch from i.received_at - (i.snapshot->>'openedAt')::timestamptz) / 3600 as to_receipt,
             case when i.status = 'registered'
                  then extract(epoch from i.decided_at - (i.snapshot->>'openedAt')::timestamptz) / 3600 end as to_registration
        from intake_files i
        join rollout_units ru on ru.unit_code = i.source_org and ru.live_at is not null
       where i.received_at >= ${from} and i.received_at < ${to}
    )
    select bucket::int as bucket, count(*)::int as received,
           percentile_cont(0.5) within group (order by to_receipt) as median_receipt,
           percentile_cont(0.9) within group (order by to_receipt) as p90_receipt,
           count(to_registration)::int as registered,
           percentile_cont(0.5) within group (order by to_registration) as median_registration,
           percentile_cont(0.9) within group (order by to_registration) as p90_registration
      from f group by bucket order by bucket`.execute(db);
  return result.rows;
}

/** Per month: files the stations of this node sent electronically, and those they recorded as sent on paper. */
export async function findSendingByMonth(
  db: DbOrTx,
  bounds: readonly Date[],
): Promise<{ bucket: number; electronic: number; paper: number }[]> {
  const from = bounds[0];
  const to = bounds.at(-1);
  if (!from || !to) return [];
  const edges = bounds.map((b) => b.toISOString());
  const result = await sql<{ bucket: number; electronic: number; paper: number }>`
    select bucket::int as bucket, sum(electronic)::int as electronic, sum(paper)::int as paper from (
      select width_bucket(sent_at, ${edges}::timestamptz[]) as bucket, 1 as electronic, 0 as paper
        from cases where sent_at >= ${from} and sent_at < ${to}
      union all
      select width_bucket(sent_at, ${edges}::timestamptz[]), 0, files
        from paper_transmissions where sent_at >= ${from} and sent_at < ${to}
    ) s group by bucket order by bucket`.execute(db);
  return result.rows;
}

/** Decisions on live units' files before and after each went live: how many, and how many returned for completion. */
export async function findReturnsAroundLive(
  db: DbOrTx,
): Promise<{ after_live: boolean; decided: number; returned: number }[]> {
  const result = await sql<{ after_live: boolean; decided: number; returned: number }>`
    select i.decided_at >= ru.live_at as after_live, count(*)::int as decided,
           count(*) filter (where i.status = 'returned')::int as returned
      from intake_files i
      join rollout_units ru on ru.unit_code = i.source_org and ru.live_at is not null
     where i.decided_at is not null
     group by 1`.execute(db);
  return result.rows;
}

/** Records files a station sent on paper. */
export async function insertPaperTransmission(
  tx: Tx,
  row: {
    id: string;
    orgId: string;
    sentAt: Date;
    files: number;
    caseNumber: string | null;
    recordedBy: string;
    at: Date;
  },
) {
  return tx
    .insertInto('paper_transmissions')
    .values({
      id: row.id,
      org_id: row.orgId,
      sent_at: row.sentAt,
      files: row.files,
      case_number: row.caseNumber,
      recorded_by: row.recordedBy,
      recorded_at: row.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A case as recording it sent on paper needs it: its organisation, status and number. */
export async function findCaseForPaper(db: DbOrTx, caseId: string) {
  return db
    .selectFrom('cases')
    .select(['org_id', 'status', 'case_number'])
    .where('id', '=', caseId)
    .executeTakeFirst();
}

/** What this station recorded as sent on paper under one case number, newest first. */
export async function findPaperTransmissionsOfCase(db: DbOrTx, orgId: string, caseNumber: string) {
  return db
    .selectFrom('paper_transmissions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('case_number', '=', caseNumber)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}
