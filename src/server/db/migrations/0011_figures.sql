-- 0011: what the managers' figures read by period. Custodies and orders of one organisation by when they
-- began (the figures count those begun in a period); cases by when they were sent.
create index custody_org_started on custody_records (org_id, started_at);
create index orders_org_issued on orders (org_id, issued_at);
create index cases_org_sent on cases (org_id, sent_at) where sent_at is not null;
