-- 0016: reads at national scale (decision 0010). Every list and search is scoped to one organisation, so its
-- indexes lead with the organisation: the trigram index holds org_id too (btree_gin), so a common surname is
-- looked up among one station's cases instead of the country's; lists are read by keyset (created_at, id)
-- instead of OFFSET and count(*); identifiers are found through B-trees. The intake queue has one index per
-- part of its order (files under a running custody clock by deadline, the rest newest first).
create extension if not exists btree_gin;

create index cases_org_search_trgm on cases using gin (org_id, search_key gin_trgm_ops);
drop index cases_search_trgm;

create index cases_org_created_id on cases (org_id, created_at desc, id desc);
drop index cases_org_created;
create index cases_org_status_created_id on cases (org_id, status, created_at desc, id desc);
create index cases_org_case_number on cases (org_id, case_number);

create index parties_org_passport on parties (org_id, passport_number) where passport_number is not null;

create index intake_files_queue_id on intake_files (org_id, received_at desc, id desc);
drop index intake_files_queue;
create index intake_files_custody_id on intake_files (org_id, custody_deadline_at, id)
  where in_custody and status = 'received';
drop index intake_files_custody;
