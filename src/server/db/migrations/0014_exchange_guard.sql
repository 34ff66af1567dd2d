-- 0013: what the exchange keeps of traffic it refuses, and who may ask about a document.
--
-- A message that no trusted key signed (made-up key id, unknown node, bad signature, revoked key, not even a
-- JWS) leaves only a bounded record: the SHA-256 and size of what was sent, the sender node and key id it
-- claimed, the address it came from, the reason and the time — no JWS (`jws` is null), nothing in the
-- append-only evidence log. A trusted peer's well-signed but wrong message is still kept whole, as before.
alter table refused_messages
  alter column jws drop not null,
  add column kid text,
  add column body_sha256 text,
  add column body_bytes integer,
  add column source_address text;
create index refused_messages_source on refused_messages (source_address, received_at);

-- The documents each peer uploaded here (its bytes verified): that peer may later ask whether this node
-- still holds them (`HEAD /exchange/v1/blobs/:sha256`) instead of sending them again.
create table blob_uploads (
  sha256 text not null,
  node_id text not null references peers(node_id),
  uploaded_at timestamptz not null,
  primary key (sha256, node_id)
);
