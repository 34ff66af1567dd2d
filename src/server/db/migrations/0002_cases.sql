-- 0002: the station's case file: cases, parties, custody, documents, timeline.
create table case_counters (
  org_id uuid not null references organisations(id),
  year int not null,
  last_seq int not null,
  primary key (org_id, year)
);

create table cases (
  id uuid primary key,
  org_id uuid not null references organisations(id),
  year int not null,
  seq int not null,
  case_number text not null,
  origin text not null check (origin in ('complaint', 'officer_report', 'flagrant')),
  status text not null default 'draft',
  tracking_code text unique,
  crime_category_code text references crime_categories(code),
  incident_at timestamptz,
  incident_province_code text references provinces(code),
  incident_county_code text references counties(code),
  incident_address text,
  narrative text,
  accused_unknown boolean not null default false,
  search_key text not null default '',
  created_by uuid not null references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  sent_at timestamptz,
  unique (org_id, year, seq)
);
create index cases_org_created on cases (org_id, created_at desc);
create index cases_search_trgm on cases using gin (search_key gin_trgm_ops);

create table parties (
  id uuid primary key,
  case_id uuid not null references cases(id),
  org_id uuid not null references organisations(id),
  role text not null check (role in ('complainant', 'accused', 'witness', 'informant')),
  first_name text not null,
  last_name text not null,
  father_name text,
  national_id text,
  passport_number text,
  nationality text not null default 'IR',
  mobile text,
  address text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index parties_case on parties (case_id);
create index parties_org_national_id on parties (org_id, national_id);

create table custody_records (
  id uuid primary key,
  case_id uuid not null references cases(id),
  org_id uuid not null references organisations(id),
  party_id uuid not null references parties(id),
  started_at timestamptz not null,
  ended_at timestamptz,
  end_reason text check (end_reason in ('released', 'bail', 'handed_to_prosecutor', 'transferred', 'other')),
  end_note text,
  created_at timestamptz not null
);
create index custody_case on custody_records (case_id);
create index custody_open on custody_records (org_id) where ended_at is null;

-- Stored once by SHA-256, on disk (or object storage); rows say what the store holds.
create table blobs (
  sha256 text primary key,
  size bigint not null,
  media_type text not null,
  created_at timestamptz not null default now()
);

create table case_documents (
  id uuid primary key,
  case_id uuid not null references cases(id),
  org_id uuid not null references organisations(id),
  sha256 text not null references blobs(sha256),
  kind text not null,
  name text not null,
  media_type text not null,
  size bigint not null,
  uploaded_by uuid not null references users(id),
  uploaded_at timestamptz not null
);
create index case_documents_case on case_documents (case_id);

create table case_events (
  id bigserial primary key,
  case_id uuid not null references cases(id),
  org_id uuid not null references organisations(id),
  at timestamptz not null,
  actor_user_id uuid references users(id),
  type text not null,
  details jsonb not null default '{}'
);
create index case_events_case on case_events (case_id, id);
