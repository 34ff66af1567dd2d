-- 0021: the rollout (issue 21, point 3): the plan adopted (which unit in which wave, in which order), each wave's
-- due date, and what was set by hand of each unit's state. What the data shows (the unit's organisation and its
-- jurisdiction, its users, its first file sent) is derived when read, never stored here.
create table rollout_waves (
  wave integer primary key check (wave > 0),
  due_at timestamptz
);

create table rollout_units (
  unit_code text primary key references units(code),
  wave integer not null references rollout_waves(wave),
  rank integer not null check (rank > 0),
  -- Dates set by hand, for steps the data cannot show (a node set up elsewhere, a unit declared live).
  node_ready_at timestamptz,
  users_created_at timestamptz,
  first_sent_at timestamptz,
  live_at timestamptz,
  planned_at timestamptz not null,
  updated_at timestamptz not null
);
create index rollout_units_wave on rollout_units (wave, rank);
