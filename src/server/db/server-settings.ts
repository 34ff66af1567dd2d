import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from './client.js';

/** A setting of the PostgreSQL server that will hurt the node, and why (each is an i18n-free log line for operators). */
export interface SettingWarning {
  setting: string;
  value: string;
  why: string;
}

/** autovacuum_naptime above this leaves the outbox's dead rows for too long under load (docs/decisions/0006). */
const MAX_NAPTIME_SECONDS = 60;

/**
 * Checks the server settings the node depends on but does not own (a `DATABASE_URL` server is its
 * operator's): with autovacuum off, the outbox, `cases` and `messages` fill with dead rows and every
 * claim and update slows down for as long as the node runs — a benchmark on such a server lost a
 * third of its rate within a minute.
 */
export async function checkServerSettings(db: Db): Promise<SettingWarning[]> {
  const { rows } = await sql<{ autovacuum: string; naptime: string }>`
    select current_setting('autovacuum') as autovacuum,
           (select setting from pg_settings where name = 'autovacuum_naptime') as naptime`.execute(db);
  const settings = rows[0];
  if (!settings) return [];
  const warnings: SettingWarning[] = [];
  if (settings.autovacuum !== 'on')
    warnings.push({
      setting: 'autovacuum',
      value: settings.autovacuum,
      why: 'dead rows of the outbox and the case tables are never cleaned: the node slows down as it runs',
    });
  else if (Number(settings.naptime) > MAX_NAPTIME_SECONDS)
    warnings.push({
      setting: 'autovacuum_naptime',
      value: `${settings.naptime}s`,
      why: `autovacuum visits the database less often than every ${MAX_NAPTIME_SECONDS} s: the outbox bloats under load`,
    });
  return warnings;
}

/** Logs each of `checkServerSettings`' warnings: the node and `casebridge worker` do at start. */
export async function warnAboutServerSettings(db: Db, log: Logger): Promise<void> {
  for (const warning of await checkServerSettings(db))
    log.warn(warning, 'PostgreSQL setting the node should not run with');
}
