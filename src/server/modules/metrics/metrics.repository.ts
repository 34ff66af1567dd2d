import { sql } from 'kysely';
import type { Db } from '../../db/client.js';

/** Messages waiting in the outbox per receiving node, and the age of the oldest (seconds). */
export async function readOutboxDepth(
  db: Db,
): Promise<{ peer: string; depth: number; oldestSeconds: number }[]> {
  const rows = await sql<{ peer: string; depth: string; oldest: number | null }>`
    select o.to_node as peer, count(*) as depth,
           extract(epoch from now() - min(m.created_at))::float8 as oldest
      from outbox o
      left join messages m on m.direction = 'out' and m.id = o.message_id
     group by o.to_node`.execute(db);
  return rows.rows.map((r) => ({ peer: r.peer, depth: Number(r.depth), oldestSeconds: r.oldest ?? 0 }));
}

/**
 * The legal clocks now, over every organisation of the node: custodies running with under `warningSeconds`
 * left (alerts) and past `limitSeconds` (breaches), and open judicial orders past their deadline.
 */
export async function readClockFigures(
  db: Db,
  custody: { limitSeconds: number; warningSeconds: number },
): Promise<{ custodyAlerts: number; custodyBreaches: number; ordersOverdue: number }> {
  const { rows } = await sql<{ alerts: string; breaches: string; overdue: string }>`
    select
      (select count(*) from custody_records
        where ended_at is null
          and started_at <= now() - make_interval(secs => ${custody.limitSeconds - custody.warningSeconds})
          and started_at > now() - make_interval(secs => ${custody.limitSeconds})) as alerts,
      (select count(*) from custody_records
        where ended_at is null and started_at <= now() - make_interval(secs => ${custody.limitSeconds})) as breaches,
      (select count(*) from orders where status <> 'closed' and deadline_at < now()) as overdue`.execute(db);
  const row = rows[0];
  return {
    custodyAlerts: Number(row?.alerts ?? 0),
    custodyBreaches: Number(row?.breaches ?? 0),
    ordersOverdue: Number(row?.overdue ?? 0),
  };
}
