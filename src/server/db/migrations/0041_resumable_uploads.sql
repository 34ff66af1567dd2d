-- Resumable uploads (issue 20, point 3; docs/decisions/0028): a document sent with the tus protocol at
-- /api/uploads. The bytes wait in the tus store (DATA_DIR/uploads, or `<S3_PREFIX>/uploads/` in the bucket) until
-- the last one arrives; this row says whose they are (the session that began the upload — no other session, even
-- of the same user, may resume or see it), for which case and route, of what kind and length. The row goes when the
-- document is attached, refused, cancelled, or left untouched (no chunk
-- received: `touched_at`) longer than UPLOAD_EXPIRY_HOURS.
create table resumable_uploads (
  id text primary key,
  org_id uuid not null references organisations(id),
  user_id uuid not null references users(id),
  session_token_hash text not null,
  case_id uuid not null references cases(id),
  target text not null,
  kind text not null,
  file_name text not null,
  size bigint not null check (size > 0),
  created_at timestamptz not null,
  touched_at timestamptz not null
);
create index resumable_uploads_touched_at on resumable_uploads (touched_at);
