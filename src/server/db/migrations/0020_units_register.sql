-- 0020: the national register of police units (issue 21, point 1): every station (کلانتری) and post (پاسگاه) of
-- every province with its yearly figures, imported from CSV (`casebridge units import`, or the admin UI) and updated
-- by code on a re-import. The rollout planner chooses from it; a unit already on casebridge is the organisation
-- with the same code.
create table units (
  code text primary key,
  name_fa text not null,
  province_code text not null references provinces(code),
  county text not null,
  kind text not null check (kind in ('station', 'post')),
  thefts integer not null check (thefts >= 0),
  visits integer not null check (visits >= 0),
  other_crimes integer check (other_crimes >= 0),
  files_opened integer check (files_opened >= 0),
  is_demo boolean not null default false,
  imported_at timestamptz not null,
  updated_at timestamptz not null
);
create index units_province on units (province_code);
