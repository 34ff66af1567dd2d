-- 0006: the business side of the exchange: the station's sending and the answers it got, the prosecutor's
-- intake files and their documents, and judicial orders (each side keeps its own row of an order).

-- One row per case that was sent: where it went, and the latest business answer of the office.
create table case_submissions (
  case_id uuid primary key references cases(id),
  org_id uuid not null references organisations(id),
  office_code text not null,
  office_node text not null,
  office_name text not null,
  submitted_message_id uuid not null,
  sent_at timestamptz not null,
  answer text check (answer in ('registered', 'returned', 'rejected')),
  answered_at timestamptz,
  file_number text,
  branch text,
  assigned_judge text,
  deficiencies jsonb,
  rejection jsonb
);
create index case_submissions_org on case_submissions (org_id);

-- A case file as it reached a prosecutor's office: the signed snapshot, and what the office decided.
create table intake_files (
  id uuid primary key,
  org_id uuid not null references organisations(id),
  source_node text not null,
  source_org text not null,
  case_ref text not null,
  station_name text not null,
  case_number text not null,
  crime_category_code text not null,
  snapshot jsonb not null,
  in_custody boolean not null,
  custody_deadline_at timestamptz,
  submitted_message_id uuid not null,
  received_at timestamptz not null,
  status text not null check (status in ('received', 'registered', 'returned', 'rejected')),
  file_number text,
  branch text,
  assigned_judge text,
  decision jsonb,
  decided_at timestamptz,
  decided_by uuid references users(id),
  -- Each case.supplemented received: note, answers, added parties, documents (the snapshot stays as signed).
  supplements jsonb not null default '[]',
  unique (org_id, source_org, case_ref)
);
create index intake_files_queue on intake_files (org_id, received_at desc);
create index intake_files_custody on intake_files (org_id, custody_deadline_at) where in_custody and status = 'received';

-- The documents an intake file holds, by hash (the bytes are in the blob store, verified on receipt).
create table intake_documents (
  intake_file_id uuid not null references intake_files(id),
  sha256 text not null references blobs(sha256),
  name text not null,
  kind text not null,
  media_type text not null,
  size bigint not null,
  message_id uuid not null,
  received_at timestamptz not null,
  primary key (intake_file_id, sha256)
);

-- Judicial orders (Art. 34): the office's row and the station's row of the same order, kept apart.
create table orders (
  org_id uuid not null references organisations(id),
  order_id uuid not null,
  side text not null check (side in ('office', 'station')),
  case_ref text not null,
  case_id uuid references cases(id),
  intake_file_id uuid references intake_files(id),
  peer_node text not null,
  peer_org text not null,
  kind text not null,
  text text not null,
  deadline_at timestamptz not null,
  issued_by text not null,
  issued_at timestamptz not null,
  status text not null check (status in ('open', 'acknowledged', 'reported', 'closed')),
  acknowledged_at timestamptz,
  acknowledged_by text,
  reported_at timestamptz,
  reported_by text,
  report text,
  report_documents jsonb not null default '[]',
  outcome text check (outcome in ('closed', 'more_requested')),
  close_note text,
  closed_at timestamptz,
  updated_at timestamptz not null,
  primary key (org_id, order_id)
);
create index orders_deadline on orders (org_id, deadline_at) where status <> 'closed';
create index orders_case on orders (case_id);
create index orders_intake on orders (intake_file_id);
