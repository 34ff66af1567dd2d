import { testDatabaseName } from '../../../test/db.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from './client.js';
import { ensureDatabase, withDatabaseName } from './database.js';
import { listMigrations, migrate } from './migrate.js';
import type { Database } from './schema.js';

/**
 * The tables and columns the code expects, copied by hand from `Database` in schema.ts. The type
 * makes the compiler check this copy against schema.ts (a column missing here, or one that is not
 * there, is a type error); the test checks the migrated database against this copy. So schema.ts and
 * the SQL migrations cannot drift apart unnoticed.
 */
// One table a line, as a table: prettier would put one column a line.
// prettier-ignore
const expectedSchema: { [T in keyof Database]: Record<keyof Database[T], 1> } = {
  provinces: { code: 1, name_fa: 1, name_en: 1 },
  counties: { code: 1, province_code: 1, name_fa: 1, name_en: 1 },
  crime_categories: { code: 1, name_fa: 1, name_en: 1, sort_order: 1 },
  organisations: { id: 1, code: 1, kind: 1, name_fa: 1, name_en: 1, province_code: 1, county_code: 1, node_id: 1, is_demo: 1, created_at: 1, office_hours: 1, intake_working_days: 1 },
  jurisdiction_rules: { id: 1, county_code: 1, station_id: 1, prosecutor_office_id: 1, created_at: 1 },
  users: { id: 1, org_id: 1, username: 1, display_name: 1, role: 1, password_hash: 1, locked_until: 1, disabled_at: 1, must_change_password: 1, is_demo: 1, created_at: 1, phone: 1, notify_channels: 1 },
  sessions: { token_hash: 1, user_id: 1, created_at: 1, expires_at: 1, last_seen_at: 1, revoked_at: 1, ip: 1, user_agent: 1 },
  sign_in_throttles: { scope: 1, username: 1, address: 1, failures: 1, last_failure_at: 1, blocked_until: 1 },
  user_totp: { user_id: 1, secret_sealed: 1, confirmed_at: 1, last_used_step: 1, created_at: 1 },
  user_recovery_codes: { user_id: 1, code_hash: 1, used_at: 1 },
  sign_in_challenges: { token_hash: 1, user_id: 1, purpose: 1, username: 1, address: 1, created_at: 1, expires_at: 1 },
  audit_log: { seq: 1, at: 1, actor_user_id: 1, actor_org_id: 1, action: 1, resource_type: 1, resource_id: 1, org_id: 1, ip: 1, details: 1, prev_hash: 1, hash: 1 },
  audit_reads: { id: 1, xact: 1, at: 1, action: 1, actor_user_id: 1, org_id: 1, ip: 1, resource_ids: 1 },
  audit_reads_sealed: { one: 1, horizon: 1 },
  case_counters: { org_id: 1, year: 1, last_seq: 1 },
  cases: { id: 1, org_id: 1, year: 1, seq: 1, case_number: 1, origin: 1, status: 1, tracking_code: 1, crime_category_code: 1, incident_at: 1, incident_province_code: 1, incident_county_code: 1, incident_address: 1, narrative: 1, accused_unknown: 1, search_key: 1, created_by: 1, created_at: 1, updated_at: 1, updated_by: 1, sent_at: 1, returned_comment: 1, returned_at: 1, returned_by: 1 },
  parties: { id: 1, case_id: 1, org_id: 1, role: 1, first_name: 1, last_name: 1, father_name: 1, national_id: 1, passport_number: 1, nationality: 1, mobile: 1, address: 1, created_at: 1, updated_at: 1 },
  custody_records: { id: 1, case_id: 1, org_id: 1, party_id: 1, started_at: 1, ended_at: 1, end_reason: 1, end_note: 1, created_at: 1 },
  blobs: { sha256: 1, size: 1, media_type: 1, created_at: 1 },
  case_documents: { id: 1, case_id: 1, org_id: 1, sha256: 1, kind: 1, name: 1, media_type: 1, size: 1, uploaded_by: 1, uploaded_at: 1 },
  resumable_uploads: { id: 1, org_id: 1, user_id: 1, session_token_hash: 1, case_id: 1, target: 1, kind: 1, file_name: 1, size: 1, created_at: 1, touched_at: 1 },
  case_events: { id: 1, case_id: 1, org_id: 1, at: 1, actor_user_id: 1, type: 1, details: 1 },
  peers: { node_id: 1, base_url: 1, added_at: 1 },
  peer_keys: { kid: 1, node_id: 1, public_jwk: 1, added_at: 1, revoked_at: 1 },
  messages: { direction: 1, id: 1, org_id: 1, type: 1, case_ref: 1, from_node: 1, from_org: 1, to_node: 1, to_org: 1, seq: 1, prev_hash: 1, sha256: 1, jws: 1, envelope: 1, created_at: 1, status: 1, receipt_jws: 1, receipt_at: 1 },
  outbox: { message_id: 1, to_node: 1, thread: 1, seq: 1, next_attempt_at: 1, attempts: 1, lease_until: 1, last_error: 1, last_attempt_at: 1 },
  refused_messages: { id: 1, received_at: 1, from_node: 1, message_id: 1, reason: 1, detail: 1, jws: 1, kid: 1, body_sha256: 1, body_bytes: 1, source_address: 1 },
  blob_uploads: { sha256: 1, node_id: 1, uploaded_at: 1 },
  evidence_log: { idx: 1, kind: 1, ref: 1, case_ref: 1, entry: 1, leaf_hash: 1, at: 1 },
  schema_migrations: { version: 1, name: 1, applied_at: 1 },
  case_submissions: { case_id: 1, org_id: 1, office_code: 1, office_node: 1, office_name: 1, submitted_message_id: 1, sent_at: 1, answer: 1, answered_at: 1, file_number: 1, branch: 1, assigned_judge: 1, deficiencies: 1, rejection: 1 },
  office_list_entries: { id: 1, org_id: 1, kind: 1, name: 1, active: 1, created_at: 1, updated_at: 1 },
  intake_files: { id: 1, org_id: 1, source_node: 1, source_org: 1, case_ref: 1, station_name: 1, case_number: 1, crime_category_code: 1, snapshot: 1, in_custody: 1, custody_deadline_at: 1, submitted_message_id: 1, received_at: 1, status: 1, file_number: 1, branch: 1, assigned_judge: 1, decision: 1, decided_at: 1, decided_by: 1, supplements: 1 },
  intake_documents: { intake_file_id: 1, sha256: 1, name: 1, kind: 1, media_type: 1, size: 1, message_id: 1, received_at: 1 },
  orders: { org_id: 1, order_id: 1, side: 1, case_ref: 1, case_id: 1, intake_file_id: 1, peer_node: 1, peer_org: 1, kind: 1, text: 1, deadline_at: 1, issued_by: 1, issued_at: 1, status: 1, acknowledged_at: 1, acknowledged_by: 1, reported_at: 1, reported_by: 1, report: 1, report_documents: 1, outcome: 1, close_note: 1, closed_at: 1, updated_at: 1 },
  escorts: { org_id: 1, escort_id: 1, side: 1, case_ref: 1, case_number: 1, case_id: 1, party_id: 1, order_id: 1, peer_node: 1, peer_org: 1, person: 1, in_custody_since: 1, destination: 1, place: 1, scheduled_at: 1, reason: 1, requested_by: 1, requested_at: 1, status: 1, officers: 1, vehicle: 1, assigned_at: 1, picked_up_at: 1, picked_up_from: 1, delivered_at: 1, delivered_to: 1, cancelled_at: 1, cancel_reason: 1, updated_at: 1 },
  units: { code: 1, name_fa: 1, province_code: 1, county: 1, kind: 1, thefts: 1, visits: 1, other_crimes: 1, files_opened: 1, is_demo: 1, imported_at: 1, updated_at: 1 },
  rollout_waves: { wave: 1, due_at: 1 },
  rollout_units: { unit_code: 1, wave: 1, rank: 1, node_ready_at: 1, users_created_at: 1, first_sent_at: 1, live_at: 1, planned_at: 1, updated_at: 1 },
  paper_transmissions: { id: 1, org_id: 1, sent_at: 1, files: 1, case_number: 1, recorded_by: 1, recorded_at: 1 },
  clock_thresholds: { kind: 1, before_seconds: 1 },
  clocks: { id: 1, org_id: 1, kind: 1, legal_basis: 1, source_id: 1, case_id: 1, case_ref: 1, responsible_user_id: 1, notify_roles: 1, started_at: 1, due_at: 1, state: 1, stop_reason: 1, settled_at: 1, next_fire_at: 1, next_before_seconds: 1, created_at: 1 },
  clock_alerts: { clock_id: 1, before_seconds: 1, fire_at: 1, fired_at: 1, late: 1 },
  clock_breaches: { id: 1, clock_id: 1, org_id: 1, case_id: 1, case_ref: 1, kind: 1, legal_basis: 1, due_at: 1, detected_at: 1, late: 1, responsible_user_id: 1, exchange_waiting: 1 },
  clock_breach_annotations: { id: 1, breach_id: 1, org_id: 1, note: 1, annotated_by: 1, annotated_at: 1 },
  notifications: { seq: 1, id: 1, user_id: 1, org_id: 1, kind: 1, clock_id: 1, case_id: 1, details: 1, created_at: 1, read_at: 1 },
  official_holidays: { jalali_date: 1, name_fa: 1, name_en: 1, calendar: 1 },
  custody_notices: { id: 1, org_id: 1, side: 1, custody_id: 1, case_ref: 1, case_number: 1, person_name: 1, custody_started_at: 1, family_notified_who: 1, family_notified_how: 1, family_notified_at: 1, notified_by: 1, message_id: 1, peer_node: 1, peer_org: 1, created_at: 1 },
  notification_deliveries: { id: 1, notifier: 1, purpose: 1, notification_seq: 1, to_address: 1, text: 1, status: 1, attempts: 1, last_error: 1, next_attempt_at: 1, lease_until: 1, sent_at: 1, created_at: 1 },
};

describe('migrating an empty database', () => {
  let db: Db;
  let applied: string[];

  beforeAll(async () => {
    // A database of its own, created empty (not from the migrated template), named so teardown drops it.
    const serverUrl = inject('dbServerUrl');
    const name = testDatabaseName();
    await ensureDatabase(serverUrl, name);
    db = createDb(withDatabaseName(serverUrl, name), { max: 2 });
    applied = await migrate(db);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('applies every migration shipped with the code, in order', async () => {
    expect(applied).toEqual((await listMigrations()).map((m) => m.name));
  });

  it('gives exactly the tables and columns that schema.ts describes', async () => {
    const { rows } = await sql<{ table: string; column: string }>`
      select table_name as "table", column_name as "column" from information_schema.columns where table_schema = 'public'`.execute(
      db,
    );
    const actual: Record<string, string[]> = {};
    for (const { table, column } of rows) (actual[table] ??= []).push(column);
    const expected = Object.fromEntries(
      Object.entries(expectedSchema).map(([table, columns]) => [table, Object.keys(columns).sort()]),
    );
    expect(
      Object.fromEntries(Object.entries(actual).map(([table, columns]) => [table, columns.sort()])),
    ).toEqual(expected);
  });

  it('has pg_trgm for the case search index', async () => {
    const found = await sql<{
      extname: string;
    }>`select extname from pg_extension where extname = 'pg_trgm'`.execute(db);
    expect(found.rows).toHaveLength(1);
  });

  it('applies nothing when run a second time', async () => {
    expect(await migrate(db)).toEqual([]);
    const count = await db
      .selectFrom('schema_migrations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(applied.length);
  });
});
