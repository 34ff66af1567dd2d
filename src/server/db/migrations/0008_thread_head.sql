-- 0008: locks a message thread and reads its head in one call. The lock (an advisory lock on the
-- thread's key, held to the end of the transaction) orders the messages of one thread; the head is
-- read by a second statement inside the function, whose snapshot is taken after the lock is granted,
-- so it sees the message a concurrent sender committed just before. One round trip instead of two.
create function lock_thread_head(lock_key text, dir text, from_org_code text, to_org_code text, case_ref_id text)
returns table (seq int, sha256 text) language plpgsql as $$
begin
  perform pg_advisory_xact_lock(hashtextextended(lock_key, 0));
  return query
    select m.seq, m.sha256 from messages m
    where m.direction = dir and m.from_org = from_org_code and m.to_org = to_org_code and m.case_ref = case_ref_id
    order by m.seq desc limit 1;
end;
$$;
