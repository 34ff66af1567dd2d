-- 0035: the chief's queue and the officer's (issue 18, point 5). A chief who does not approve a prepared case
-- sends it back to draft with a comment the officer reads on the case and in "returned to me"; putting it
-- forward again clears it. The case list's filters by officer and by incident date use their own indexes, in the
-- keyset order of the list (created_at desc, id desc: decision 0010).
alter table cases
  add column returned_comment text,
  add column returned_at timestamptz,
  add column returned_by uuid references users (id);
create index cases_org_creator_created_id on cases (org_id, created_by, created_at desc, id desc);
create index cases_org_returned_created_id on cases (org_id, created_by, created_at desc, id desc)
  where returned_at is not null;
