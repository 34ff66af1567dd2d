-- 0024: legal clocks that act (issue 19). Every legal clock is a row (custody, the out-of-hours notice, an
-- order's deadline, …) with its legal basis, start, due time and state; the thresholds at which it warns are
-- one table; each threshold fired is a row of its own (its primary key makes it happen once, however many
-- schedulers run); a clock that passes its due time unmet leaves an immutable breach record, annotated only
-- by appending a justification.
create table clock_thresholds (
  kind text not null,
  -- seconds before the due time; 0 is the due time itself (the breach)
  before_seconds int not null check (before_seconds >= 0),
  primary key (kind, before_seconds)
);
insert into clock_thresholds (kind, before_seconds) values
  ('custody', 14400), ('custody', 3600), ('custody', 900), ('custody', 0),
  ('custody_notice', 900), ('custody_notice', 0),
  ('order', 86400), ('order', 3600), ('order', 0),
  ('escort_pickup', 3600), ('escort_pickup', 0),
  ('complaint_send', 3600), ('complaint_send', 0),
  ('intake_unregistered', 86400), ('intake_unregistered', 0),
  ('return_unanswered', 86400), ('return_unanswered', 0);

create table clocks (
  id uuid primary key,
  org_id uuid not null references organisations(id),
  kind text not null check (kind in ('custody', 'custody_notice', 'order', 'escort_pickup', 'complaint_send',
                                      'intake_unregistered', 'return_unanswered')),
  legal_basis text not null,
  -- what the clock runs for: a custody record, an order, an intake file, …
  source_id text not null,
  case_id uuid references cases(id),
  case_ref text,
  responsible_user_id uuid references users(id),
  -- the roles of the clock's organisation told of each alert beside the responsible user
  notify_roles text[] not null default '{}',
  started_at timestamptz not null,
  due_at timestamptz not null,
  state text not null check (state in ('running', 'warned', 'met', 'breached', 'stopped')),
  stop_reason text,
  settled_at timestamptz,
  -- the next threshold to fire (null once none is left): what the scheduler claims by
  next_fire_at timestamptz,
  next_before_seconds int,
  created_at timestamptz not null,
  unique (org_id, kind, source_id)
);
create index clocks_next_fire on clocks (next_fire_at) where next_fire_at is not null;
create index clocks_case on clocks (case_id);

create table clock_alerts (
  clock_id uuid not null references clocks(id),
  before_seconds int not null,
  fire_at timestamptz not null,
  fired_at timestamptz not null,
  -- fired more than 30 s after its time (the scheduler was not running): caught up at start
  late boolean not null,
  primary key (clock_id, before_seconds)
);

create table clock_breaches (
  id uuid primary key,
  clock_id uuid not null unique references clocks(id),
  org_id uuid not null references organisations(id),
  case_id uuid references cases(id),
  case_ref text,
  kind text not null,
  legal_basis text not null,
  due_at timestamptz not null,
  detected_at timestamptz not null,
  late boolean not null,
  responsible_user_id uuid references users(id),
  -- the exchange's part: messages of the case that waited in the outbox past the due time, with their attempts
  exchange_waiting jsonb not null default '[]'
);
create index clock_breaches_org on clock_breaches (org_id, detected_at);
create index clock_breaches_case on clock_breaches (case_id);
create trigger clock_breaches_no_update before update or delete on clock_breaches
  for each row execute function forbid_change();
create trigger clock_breaches_no_truncate before truncate on clock_breaches
  for each statement execute function forbid_change();

create table clock_breach_annotations (
  id uuid primary key,
  breach_id uuid not null references clock_breaches(id),
  org_id uuid not null references organisations(id),
  note text not null,
  annotated_by uuid not null references users(id),
  annotated_at timestamptz not null
);
create index clock_breach_annotations_breach on clock_breach_annotations (breach_id, annotated_at);
create trigger clock_breach_annotations_no_update before update or delete on clock_breach_annotations
  for each row execute function forbid_change();
