-- 0009: a commit that puts messages in the outbox notifies channel `casebridge_outbox` (once per
-- statement; PostgreSQL folds equal notifications of one transaction into one and sends it at commit),
-- so that `casebridge worker` processes, which LISTEN on it, deliver at once instead of at their next poll.
create function notify_outbox() returns trigger language plpgsql as $$
begin
  perform pg_notify('casebridge_outbox', '');
  return null;
end;
$$;

create trigger outbox_notify after insert on outbox for each statement execute function notify_outbox();
