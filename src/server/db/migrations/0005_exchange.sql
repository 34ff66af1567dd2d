-- 0005: the exchange: trusted nodes and their keys, signed messages, the outbox, refusals, evidence log.

-- Every node this one trusts, itself included (base_url null = this node).
create table peers (
  node_id text primary key,
  base_url text,
  added_at timestamptz not null default now()
);

-- Public keys by key id (RFC 7638 thumbprint). Rotated keys stay for old signatures; revoked ones verify nothing.
create table peer_keys (
  kid text primary key,
  node_id text not null references peers(node_id),
  public_jwk jsonb not null,
  added_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index peer_keys_node on peer_keys (node_id);

-- Every signed message this node sent ('out') or accepted ('in'). On one node a message between two of
-- its organisations appears twice: once sent, once received.
create table messages (
  direction text not null check (direction in ('out', 'in')),
  id uuid not null,
  org_id uuid not null references organisations(id),
  type text not null,
  case_ref text not null,
  from_node text not null,
  from_org text not null,
  to_node text not null,
  to_org text not null,
  seq int not null,
  prev_hash text,
  sha256 text not null,
  jws text not null,
  envelope jsonb not null,
  created_at timestamptz not null,
  status text not null,
  receipt_jws text,
  receipt_at timestamptz,
  primary key (direction, id),
  unique (direction, from_org, to_org, case_ref, seq)
);
create index messages_case on messages (case_ref, created_at);
create index messages_org on messages (org_id, created_at desc);

-- Messages waiting to be delivered; a worker claims rows with FOR UPDATE SKIP LOCKED and a lease.
create table outbox (
  message_id uuid primary key,
  to_node text not null,
  thread text not null,
  seq int not null,
  next_attempt_at timestamptz not null,
  attempts int not null default 0,
  lease_until timestamptz,
  last_error text,
  last_attempt_at timestamptz
);
create index outbox_due on outbox (next_attempt_at);
create index outbox_thread on outbox (thread, seq);

-- Messages refused on arrival, kept as evidence with the reason.
create table refused_messages (
  id bigserial primary key,
  received_at timestamptz not null,
  from_node text,
  message_id text,
  reason text not null,
  detail text,
  jws text not null
);

-- Append-only Merkle log (RFC 9162 §2.1) of every message and receipt sent or received.
create table evidence_log (
  idx bigint primary key,
  kind text not null,
  ref text not null,
  case_ref text,
  entry text not null,
  leaf_hash text not null,
  at timestamptz not null
);
create index evidence_log_ref on evidence_log (ref);
create index evidence_log_case on evidence_log (case_ref);
create function forbid_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name;
end $$;
create trigger evidence_log_no_update before update or delete on evidence_log
  for each row execute function forbid_change();
