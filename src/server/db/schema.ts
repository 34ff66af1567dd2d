import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Row types of the database, kept in step with `migrations/*.sql` (a test checks the two agree). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<Record<string, unknown>, string, string>;

export interface ProvincesTable {
  code: string;
  name_fa: string;
  name_en: string;
}

export interface CountiesTable {
  code: string;
  province_code: string;
  name_fa: string;
  name_en: string;
}

export interface CrimeCategoriesTable {
  code: string;
  name_fa: string;
  name_en: string;
  sort_order: Generated<number>;
}

export interface OrganisationsTable {
  id: string;
  code: string;
  kind: 'station' | 'outpost' | 'prosecutor_office' | 'escort_unit' | 'hq';
  name_fa: string;
  name_en: string;
  province_code: string;
  county_code: string;
  node_id: string;
  is_demo: Generated<boolean>;
  created_at: GeneratedTimestamp;
  office_hours: Generated<string>;
  intake_working_days: Generated<number>;
}

export interface JurisdictionRulesTable {
  id: string;
  county_code: string | null;
  station_id: string | null;
  prosecutor_office_id: string;
  created_at: GeneratedTimestamp;
}

export interface UsersTable {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  /** Set by an administrator's password reset: the next sign-in must choose a new password (0033). */
  must_change_password: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: GeneratedTimestamp;
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  notify_channels: ColumnType<string[], string[] | undefined, string[]>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

export interface SignInThrottlesTable {
  scope: 'account_address' | 'address';
  username: string;
  address: string;
  failures: number;
  last_failure_at: Timestamp;
  blocked_until: Timestamp | null;
}

export interface UserTotpTable {
  user_id: string;
  secret_sealed: string;
  confirmed_at: Timestamp | null;
  last_used_step: Generated<number>;
  created_at: Timestamp;
}

export interface UserRecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface SignInChallengesTable {
  token_hash: string;
  user_id: string;
  purpose: 'totp' | 'enrol' | 'password';
  username: string;
  address: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  seq: ColumnType<number, number, never>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_org_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  org_id: string | null;
  ip: string | null;
  details: Json;
  prev_hash: string;
  hash: string;
}

/** A read (of a case, a list, a search) as the read log keeps it (migration 0017, decision 0011). */
export interface AuditReadsTable {
  id: ColumnType<number, never, never>;
  /** The reading transaction's id (xid8), as text. */
  xact: ColumnType<string, never, never>;
  at: Timestamp;
  /** The action's number in `readActions`. */
  action: number;
  actor_user_id: string | null;
  org_id: string | null;
  ip: string | null;
  resource_ids: string[];
}

/** Where the sealed reads end (one row). */
export interface AuditReadsSealedTable {
  one: ColumnType<boolean, never, never>;
  horizon: string;
}

export interface CaseCountersTable {
  org_id: string;
  year: number;
  last_seq: number;
}

export interface CasesTable {
  id: string;
  org_id: string;
  year: number;
  seq: number;
  case_number: string;
  origin: 'complaint' | 'officer_report' | 'flagrant';
  status: Generated<string>;
  tracking_code: string | null;
  crime_category_code: string | null;
  incident_at: Timestamp | null;
  incident_province_code: string | null;
  incident_county_code: string | null;
  incident_address: string | null;
  narrative: string | null;
  accused_unknown: Generated<boolean>;
  search_key: Generated<string>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Who made the last change (migration 0030): the "changed by X" of a refused concurrent save. */
  updated_by: string;
  sent_at: Timestamp | null;
  /** The chief's comment when sending a prepared case back to its officer (migration 0035); cleared on preparing. */
  returned_comment: string | null;
  returned_at: Timestamp | null;
  returned_by: string | null;
}

export interface PartiesTable {
  id: string;
  case_id: string;
  org_id: string;
  role: 'complainant' | 'accused' | 'witness' | 'informant';
  first_name: string;
  last_name: string;
  father_name: string | null;
  national_id: string | null;
  passport_number: string | null;
  nationality: Generated<string>;
  mobile: string | null;
  address: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustodyRecordsTable {
  id: string;
  case_id: string;
  org_id: string;
  party_id: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  end_reason: 'released' | 'bail' | 'handed_to_prosecutor' | 'transferred' | 'other' | null;
  end_note: string | null;
  created_at: Timestamp;
}

export interface BlobsTable {
  sha256: string;
  size: ColumnType<number, number, number>;
  media_type: string;
  created_at: GeneratedTimestamp;
}

export interface CaseDocumentsTable {
  id: string;
  case_id: string;
  org_id: string;
  sha256: string;
  kind: string;
  name: string;
  media_type: string;
  size: ColumnType<number, number, number>;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

export interface ResumableUploadsTable {
  id: string;
  org_id: string;
  user_id: string;
  session_token_hash: string;
  case_id: string;
  /** The single-request route the upload stands for (`/api/cases/:id/documents`, …). */
  target: string;
  kind: string;
  file_name: string;
  size: ColumnType<number, number, number>;
  created_at: Timestamp;
  /** When its last chunk began arriving: the clock of UPLOAD_EXPIRY_HOURS. */
  touched_at: Timestamp;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: string;
  org_id: string;
  at: Timestamp;
  actor_user_id: string | null;
  type: string;
  details: Json;
}

export interface PeersTable {
  node_id: string;
  base_url: string | null;
  added_at: GeneratedTimestamp;
}

export interface PeerKeysTable {
  kid: string;
  node_id: string;
  public_jwk: Json;
  added_at: GeneratedTimestamp;
  revoked_at: Timestamp | null;
}

export interface MessagesTable {
  direction: 'out' | 'in';
  id: string;
  org_id: string;
  type: string;
  case_ref: string;
  from_node: string;
  from_org: string;
  to_node: string;
  to_org: string;
  seq: number;
  prev_hash: string | null;
  sha256: string;
  jws: string;
  envelope: Json;
  created_at: Timestamp;
  status: string;
  receipt_jws: string | null;
  receipt_at: Timestamp | null;
}

export interface OutboxTable {
  message_id: string;
  to_node: string;
  thread: string;
  seq: number;
  next_attempt_at: Timestamp;
  attempts: Generated<number>;
  lease_until: Timestamp | null;
  last_error: string | null;
  last_attempt_at: Timestamp | null;
}

export interface RefusedMessagesTable {
  id: Generated<number>;
  received_at: Timestamp;
  from_node: string | null;
  message_id: string | null;
  reason: string;
  detail: string | null;
  /** The whole JWS, only when a trusted key signed it (0014); null for a bounded record. */
  jws: string | null;
  kid: string | null;
  body_sha256: string | null;
  body_bytes: number | null;
  source_address: string | null;
}

export interface BlobUploadsTable {
  sha256: string;
  node_id: string;
  uploaded_at: Timestamp;
}

export interface EvidenceLogTable {
  idx: number;
  kind: string;
  ref: string;
  case_ref: string | null;
  entry: string;
  leaf_hash: string;
  at: Timestamp;
}

export interface CaseSubmissionsTable {
  case_id: string;
  org_id: string;
  office_code: string;
  office_node: string;
  office_name: string;
  submitted_message_id: string;
  sent_at: Timestamp;
  answer: 'registered' | 'returned' | 'rejected' | null;
  answered_at: Timestamp | null;
  file_number: string | null;
  branch: string | null;
  assigned_judge: string | null;
  deficiencies: ColumnType<unknown, string | null, string | null> | null;
  rejection: ColumnType<unknown, string | null, string | null> | null;
}

export interface IntakeFilesTable {
  id: string;
  org_id: string;
  source_node: string;
  source_org: string;
  case_ref: string;
  station_name: string;
  case_number: string;
  crime_category_code: string;
  snapshot: ColumnType<unknown, string, string>;
  in_custody: boolean;
  custody_deadline_at: Timestamp | null;
  submitted_message_id: string;
  received_at: Timestamp;
  status: 'received' | 'registered' | 'returned' | 'rejected';
  file_number: string | null;
  branch: string | null;
  assigned_judge: string | null;
  decision: ColumnType<unknown, string | null, string | null> | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  supplements: ColumnType<unknown, string | undefined, string>;
}

/** A branch (شعبه), دادیار or بازپرس of a prosecutor's office, from the lists its admin keeps (migration 0036). */
export interface OfficeListEntriesTable {
  id: string;
  org_id: string;
  kind: 'branch' | 'assistant_prosecutor' | 'investigator';
  name: string;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IntakeDocumentsTable {
  intake_file_id: string;
  sha256: string;
  name: string;
  kind: string;
  media_type: string;
  size: ColumnType<number, number, number>;
  message_id: string;
  received_at: Timestamp;
}

export interface OrdersTable {
  org_id: string;
  order_id: string;
  side: 'office' | 'station';
  case_ref: string;
  case_id: string | null;
  intake_file_id: string | null;
  peer_node: string;
  peer_org: string;
  kind: string;
  text: string;
  deadline_at: Timestamp;
  issued_by: string;
  issued_at: Timestamp;
  status: 'open' | 'acknowledged' | 'reported' | 'closed';
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  reported_at: Timestamp | null;
  reported_by: string | null;
  report: string | null;
  report_documents: ColumnType<unknown, string | undefined, string>;
  outcome: 'closed' | 'more_requested' | null;
  close_note: string | null;
  closed_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface EscortsTable {
  org_id: string;
  escort_id: string;
  side: 'station' | 'escort_unit';
  case_ref: string;
  case_number: string;
  case_id: string | null;
  party_id: string | null;
  order_id: string | null;
  peer_node: string;
  peer_org: string;
  person: ColumnType<EscortPerson, string, string>;
  in_custody_since: Timestamp | null;
  destination: 'prosecutor_office' | 'court' | 'prison' | 'forensic_medicine' | 'hospital' | 'other';
  place: string;
  scheduled_at: Timestamp;
  reason: string;
  requested_by: string;
  requested_at: Timestamp;
  status: 'requested' | 'assigned' | 'picked_up' | 'delivered' | 'cancelled';
  officers: string | null;
  vehicle: string | null;
  assigned_at: Timestamp | null;
  picked_up_at: Timestamp | null;
  picked_up_from: string | null;
  delivered_at: Timestamp | null;
  delivered_to: string | null;
  cancelled_at: Timestamp | null;
  cancel_reason: string | null;
  updated_at: Timestamp;
}

/** The person of an escort, as the station recorded them. */
export interface EscortPerson {
  firstName: string;
  lastName: string;
  fatherName: string | null;
  nationalId: string | null;
  passportNumber: string | null;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: GeneratedTimestamp;
}

/** The national register of police units (migration 0020). */
export interface UnitsTable {
  code: string;
  name_fa: string;
  province_code: string;
  county: string;
  kind: 'station' | 'post';
  thefts: number;
  visits: number;
  other_crimes: number | null;
  files_opened: number | null;
  is_demo: Generated<boolean>;
  imported_at: Timestamp;
  updated_at: Timestamp;
}

/** The rollout's waves and the units adopted into them (migration 0021). */
export interface RolloutWavesTable {
  wave: number;
  due_at: Timestamp | null;
}

export interface RolloutUnitsTable {
  unit_code: string;
  wave: number;
  rank: number;
  node_ready_at: Timestamp | null;
  users_created_at: Timestamp | null;
  first_sent_at: Timestamp | null;
  live_at: Timestamp | null;
  planned_at: Timestamp;
  updated_at: Timestamp;
}

/** Files a station sent on paper (migration 0022). */
export interface PaperTransmissionsTable {
  id: string;
  org_id: string;
  sent_at: Timestamp;
  files: number;
  case_number: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface ClockThresholdsTable {
  kind: string;
  before_seconds: number;
}

export type ClockKind =
  | 'custody'
  | 'custody_notice'
  | 'order'
  | 'escort_pickup'
  | 'complaint_send'
  | 'intake_unregistered'
  | 'return_unanswered';
export type ClockState = 'running' | 'warned' | 'met' | 'breached' | 'stopped';

export interface ClocksTable {
  id: string;
  org_id: string;
  kind: ClockKind;
  legal_basis: string;
  source_id: string;
  case_id: string | null;
  case_ref: string | null;
  responsible_user_id: string | null;
  notify_roles: ColumnType<string[], string[] | undefined, string[]>;
  started_at: Timestamp;
  due_at: Timestamp;
  state: ClockState;
  stop_reason: string | null;
  settled_at: Timestamp | null;
  next_fire_at: Timestamp | null;
  next_before_seconds: number | null;
  created_at: Timestamp;
}

export interface ClockAlertsTable {
  clock_id: string;
  before_seconds: number;
  fire_at: Timestamp;
  fired_at: Timestamp;
  late: boolean;
}

export interface ClockBreachesTable {
  id: string;
  clock_id: string;
  org_id: string;
  case_id: string | null;
  case_ref: string | null;
  kind: string;
  legal_basis: string;
  due_at: Timestamp;
  detected_at: Timestamp;
  late: boolean;
  responsible_user_id: string | null;
  exchange_waiting: ColumnType<unknown, string | undefined, string>;
}

export interface ClockBreachAnnotationsTable {
  id: string;
  breach_id: string;
  org_id: string;
  note: string;
  annotated_by: string;
  annotated_at: Timestamp;
}

export interface NotificationsTable {
  seq: Generated<number>;
  id: string;
  user_id: string;
  org_id: string;
  kind: string;
  clock_id: string | null;
  case_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface NotificationDeliveriesTable {
  id: string;
  notifier: 'log' | 'sms' | null;
  purpose: string;
  notification_seq: number | null;
  to_address: string;
  text: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Timestamp;
  lease_until: Timestamp | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
}

export interface OfficialHolidaysTable {
  jalali_date: string;
  name_fa: string;
  name_en: string;
  calendar: 'solar' | 'lunar';
}

export interface CustodyNoticesTable {
  id: string;
  org_id: string;
  side: 'station' | 'office';
  custody_id: string;
  case_ref: string;
  case_number: string;
  person_name: string;
  custody_started_at: Timestamp;
  family_notified_who: string;
  family_notified_how: string;
  family_notified_at: Timestamp;
  notified_by: string;
  message_id: string | null;
  peer_node: string;
  peer_org: string;
  created_at: Timestamp;
}

export interface Database {
  provinces: ProvincesTable;
  counties: CountiesTable;
  crime_categories: CrimeCategoriesTable;
  organisations: OrganisationsTable;
  jurisdiction_rules: JurisdictionRulesTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_throttles: SignInThrottlesTable;
  user_totp: UserTotpTable;
  user_recovery_codes: UserRecoveryCodesTable;
  sign_in_challenges: SignInChallengesTable;
  audit_log: AuditLogTable;
  audit_reads: AuditReadsTable;
  audit_reads_sealed: AuditReadsSealedTable;
  case_counters: CaseCountersTable;
  cases: CasesTable;
  parties: PartiesTable;
  custody_records: CustodyRecordsTable;
  blobs: BlobsTable;
  case_documents: CaseDocumentsTable;
  resumable_uploads: ResumableUploadsTable;
  case_events: CaseEventsTable;
  peers: PeersTable;
  peer_keys: PeerKeysTable;
  messages: MessagesTable;
  outbox: OutboxTable;
  refused_messages: RefusedMessagesTable;
  blob_uploads: BlobUploadsTable;
  evidence_log: EvidenceLogTable;
  schema_migrations: SchemaMigrationsTable;
  case_submissions: CaseSubmissionsTable;
  intake_files: IntakeFilesTable;
  office_list_entries: OfficeListEntriesTable;
  intake_documents: IntakeDocumentsTable;
  orders: OrdersTable;
  escorts: EscortsTable;
  units: UnitsTable;
  rollout_waves: RolloutWavesTable;
  rollout_units: RolloutUnitsTable;
  paper_transmissions: PaperTransmissionsTable;
  clock_thresholds: ClockThresholdsTable;
  clocks: ClocksTable;
  clock_alerts: ClockAlertsTable;
  clock_breaches: ClockBreachesTable;
  clock_breach_annotations: ClockBreachAnnotationsTable;
  notifications: NotificationsTable;
  notification_deliveries: NotificationDeliveriesTable;
  official_holidays: OfficialHolidaysTable;
  custody_notices: CustodyNoticesTable;
}

export type UserRow = Selectable<UsersTable>;
export type CaseRow = Selectable<CasesTable>;
export type PartyRow = Selectable<PartiesTable>;
export type CustodyRow = Selectable<CustodyRecordsTable>;
export type OrganisationRow = Selectable<OrganisationsTable>;
export type NewCase = Insertable<CasesTable>;
export type IntakeFileRow = Selectable<IntakeFilesTable>;
export type OrderRow = Selectable<OrdersTable>;
export type EscortRow = Selectable<EscortsTable>;
export type CaseSubmissionRow = Selectable<CaseSubmissionsTable>;
export type ClockRow = Selectable<ClocksTable>;
export type ClockBreachRow = Selectable<ClockBreachesTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type NotificationDeliveryRow = Selectable<NotificationDeliveriesTable>;
