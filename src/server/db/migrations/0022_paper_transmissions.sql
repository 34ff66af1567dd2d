-- 0022: files a station sent to a prosecutor's office on paper (issue 21, point 4), recorded by the station so
-- that paper and electronic sending can be compared per month.
create table paper_transmissions (
  id uuid primary key,
  org_id uuid not null references organisations(id),
  sent_at timestamptz not null,
  files integer not null check (files > 0 and files <= 1000),
  case_number text,
  recorded_by uuid not null references users(id),
  recorded_at timestamptz not null
);
create index paper_transmissions_org_sent on paper_transmissions (org_id, sent_at);
