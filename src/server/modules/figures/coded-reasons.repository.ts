import { sql } from 'kysely';
import type { DbOrTx } from '../../db/client.js';
import type { Period } from './figures.repository.js';

/** How many reasons of each kind the figures list, most frequent first. */
const TOP = 5;

/**
 * The most frequent coded reasons of returns (deficiencies, نقص) and rejections in the period, read from
 * the answers themselves as the exchange recorded them: those the given organisations received (a police
 * view: `in`) or sent (an office: `out`).
 */
export async function findTopReasons(
  db: DbOrTx,
  input: { orgIds: string[]; direction: 'in' | 'out'; period: Period },
): Promise<{
  deficiencies: { code: string; count: number }[];
  rejections: { code: string; count: number }[];
}> {
  const top = async (type: string, list: string) => {
    if (input.orgIds.length === 0) return [];
    const { rows } = await sql<{ code: string; count: number }>`
      select reason->>'code' as code, count(*)::int as count
      from messages m cross join lateral jsonb_array_elements(m.envelope->'body'->${list}) reason
      where m.org_id = any(${input.orgIds}::uuid[]) and m.direction = ${input.direction} and m.type = ${type}
        and m.created_at >= ${input.period.from} and m.created_at < ${input.period.to}
      group by 1 order by 2 desc, 1 limit ${TOP}`.execute(db);
    return rows;
  };
  return {
    deficiencies: await top('intake.returned', 'deficiencies'),
    rejections: await top('intake.rejected', 'reasons'),
  };
}
