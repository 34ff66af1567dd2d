-- 0036: the office's own lists (issue 18, point 5): its branches (شعبه) and its دادیاران and بازپرسان, kept by the
-- node's admin for each prosecutor's office. Registering or assigning a file chooses from them; the intake file
-- keeps the name as chosen (a copy, as before), so files registered with typed text, and entries retired later,
-- keep reading as they were. An entry is never deleted, only retired (`active = false`): the per-branch and
-- per-دادیار figures still group by the name the files carry.
create table office_list_entries (
  id uuid primary key,
  org_id uuid not null references organisations (id),
  kind text not null check (kind in ('branch', 'assistant_prosecutor', 'investigator')),
  name text not null,
  active boolean not null default true,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index office_list_entries_org_kind_name on office_list_entries (org_id, kind, name);
create index intake_files_org_branch on intake_files (org_id, branch) where branch is not null;
create index intake_files_org_judge on intake_files (org_id, assigned_judge) where assigned_judge is not null;
