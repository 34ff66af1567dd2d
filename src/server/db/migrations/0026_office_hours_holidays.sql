-- 0026: what "outside office hours" means (issue 19, Arts. 47 and 49 CPC 1392): each organisation's office
-- hours (Tehran time, Saturday to Thursday; Friday is the weekend), the official holidays table (written
-- from src/server/db/reference/official-holidays.ts at every start, so a release can correct it), the days
-- an office has to register a file it received; and the one-hour notice of a custody that starts outside
-- them: the station's record of the notice to the family, and the office's record of the signed
-- `custody.notified` it received.
alter table organisations add column office_hours text not null default '07:30-14:30';
alter table organisations add column intake_working_days int not null default 3 check (intake_working_days between 1 and 30);

create table official_holidays (
  jalali_date text not null check (jalali_date ~ '^\d{4}/\d{2}/\d{2}$'),
  name_fa text not null,
  name_en text not null,
  calendar text not null check (calendar in ('solar', 'lunar')),
  primary key (jalali_date, name_en)
);

create table custody_notices (
  -- the station's side: the custody and the notice to the family; the office's side: the message received
  id uuid primary key,
  org_id uuid not null references organisations(id),
  side text not null check (side in ('station', 'office')),
  custody_id uuid not null,
  case_ref text not null,
  case_number text not null,
  person_name text not null,
  custody_started_at timestamptz not null,
  family_notified_who text not null,
  family_notified_how text not null,
  family_notified_at timestamptz not null,
  notified_by text not null,
  message_id uuid,
  peer_node text not null,
  peer_org text not null,
  created_at timestamptz not null,
  unique (org_id, custody_id)
);
create index custody_notices_org on custody_notices (org_id, created_at desc);
