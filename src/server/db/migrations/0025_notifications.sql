-- 0025: notifications that reach people (issue 19). The in-app notification centre (one row per user and
-- event, `seq` orders them and is the SSE stream's event id), the outbound channel's record of each
-- delivery (log or SMS gateway: attempts, status, the gateway's answer), and each user's phone number and
-- choice of channels.
alter table users add column phone text;
alter table users add column notify_channels text[] not null default '{in_app}';

create table notifications (
  seq bigserial primary key,
  id uuid not null unique,
  user_id uuid not null references users(id),
  org_id uuid not null references organisations(id),
  kind text not null,
  clock_id uuid references clocks(id),
  case_id uuid references cases(id),
  details jsonb not null default '{}',
  created_at timestamptz not null,
  read_at timestamptz
);
create index notifications_user on notifications (user_id, seq desc);
create index notifications_unread on notifications (user_id) where read_at is null;

create table notification_deliveries (
  id uuid primary key,
  -- the Notifier that carried it (log or sms), once it was tried
  notifier text check (notifier in ('log', 'sms')),
  -- what the message is for: a user's notification, or a complainant's code / case status (no user)
  purpose text not null,
  notification_seq bigint references notifications(seq),
  to_address text not null,
  text text not null,
  status text not null check (status in ('pending', 'sent', 'failed')),
  attempts int not null default 0,
  last_error text,
  next_attempt_at timestamptz not null,
  lease_until timestamptz,
  sent_at timestamptz,
  created_at timestamptz not null
);
create index notification_deliveries_due on notification_deliveries (next_attempt_at) where status = 'pending';
