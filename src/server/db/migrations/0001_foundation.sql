-- 0001: reference data, organisations, jurisdiction, users, sessions, audit log.
create extension if not exists pg_trgm;

create table provinces (
  code text primary key,
  name_fa text not null,
  name_en text not null
);

create table counties (
  code text primary key,
  province_code text not null references provinces(code),
  name_fa text not null,
  name_en text not null
);

create table crime_categories (
  code text primary key,
  name_fa text not null,
  name_en text not null,
  sort_order int not null default 0
);

create table organisations (
  id uuid primary key,
  code text not null unique,
  kind text not null check (kind in ('station', 'outpost', 'prosecutor_office', 'escort_unit', 'hq')),
  name_fa text not null,
  name_en text not null,
  province_code text not null references provinces(code),
  county_code text not null references counties(code),
  node_id text not null,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
create index organisations_county on organisations (county_code);

-- Which prosecutor's office receives from which station: a rule per county, and overrides per station.
create table jurisdiction_rules (
  id uuid primary key,
  county_code text references counties(code),
  station_id uuid references organisations(id),
  prosecutor_office_id uuid not null references organisations(id),
  created_at timestamptz not null default now(),
  check ((county_code is null) <> (station_id is null))
);
create unique index jurisdiction_by_county on jurisdiction_rules (county_code) where county_code is not null;
create unique index jurisdiction_by_station on jurisdiction_rules (station_id) where station_id is not null;

create table users (
  id uuid primary key,
  org_id uuid not null references organisations(id),
  username text not null,
  display_name text not null,
  role text not null check (role in ('station.officer', 'station.chief', 'prosecutor.clerk', 'prosecutor.judge', 'escort.officer', 'supervisor', 'admin')),
  password_hash text not null,
  failed_logins int not null default 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
create unique index users_username on users (lower(username));
create index users_org on users (org_id);

-- Sessions are looked up by the SHA-256 of the cookie's token: a stolen table yields no usable cookie.
create table sessions (
  token_hash text primary key,
  user_id uuid not null references users(id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  last_seen_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
create index sessions_user on sessions (user_id);

-- Append-only, hash-chained: hash = SHA-256(prev_hash ‖ canonical JSON of the entry).
create table audit_log (
  seq bigint primary key,
  at timestamptz not null,
  actor_user_id uuid,
  actor_org_id uuid,
  action text not null,
  resource_type text not null,
  resource_id text,
  org_id uuid,
  ip text,
  details jsonb not null default '{}',
  prev_hash text not null,
  hash text not null
);
create index audit_log_resource on audit_log (resource_type, resource_id);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();
