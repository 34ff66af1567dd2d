-- 0017: the log of reads (decision 0011). A read of a case, a list or a search is audited in a compact row of
-- its own — no chain lock on the request path, durable with the read's commit — and sealed into the audit
-- chain afterwards, a batch at a time: one `audit.reads_sealed` entry holds the count and SHA-256 of every
-- read whose transaction ended in [from, to) (transaction ids, xid8). A batch is sealed only up to the
-- oldest transaction still running, so no read can later join a sealed range.
create table audit_reads (
  id bigint generated always as identity,
  xact xid8 not null default pg_current_xact_id(),
  at timestamptz not null,
  action smallint not null,
  actor_user_id uuid,
  org_id uuid,
  ip inet,
  resource_ids uuid[] not null
);
create index audit_reads_xact on audit_reads (xact);

create trigger audit_reads_no_update before update or delete on audit_reads
  for each row execute function audit_log_append_only();
create trigger audit_reads_no_truncate before truncate on audit_reads
  for each statement execute function audit_log_append_only();

-- Where the sealed reads end: every read of a transaction below `horizon` is in a sealed batch.
create table audit_reads_sealed (
  one boolean primary key default true check (one),
  horizon xid8 not null
);
insert into audit_reads_sealed (horizon) values ('1'::xid8);

-- The count and SHA-256 of the reads of the transactions in [from_x, to_x), one line per read in id order.
create function audit_reads_digest(from_x xid8, to_x xid8, out n bigint, out sha256 text)
language sql stable as $$
  select count(*),
         encode(sha256(convert_to(coalesce(string_agg(
           concat_ws('|', id, xact, (extract(epoch from at) * 1000000)::bigint, action,
                     coalesce(actor_user_id::text, ''), coalesce(org_id::text, ''), coalesce(host(ip), ''),
                     array_to_string(resource_ids, ',')),
           E'\n' order by id), ''), 'UTF8')), 'hex')
  from audit_reads where xact >= from_x and xact < to_x
$$;
