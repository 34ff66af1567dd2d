-- 0013: sign-in that cannot lock people out, and a second factor (TOTP, RFC 6238).
-- Failed sign-ins were counted per account, so anyone could lock an officer out by guessing five times.
-- They are now counted per (username, client address) and per address, in rows of their own.
alter table users drop column failed_logins;
-- Locks set by the old per-account counter were set by whoever guessed; none of them stands.
update users set locked_until = null where locked_until is not null;

create table sign_in_throttles (
  -- 'account_address': one username tried from one address; 'address': every username from one address.
  scope text not null check (scope in ('account_address', 'address')),
  -- A known user's username, lower-cased; for a name that is no user, "#" and a SHA-256 prefix (people type
  -- passwords into the username field; the table must not keep them). '' for 'address'.
  username text not null,
  address text not null,
  failures int not null,
  last_failure_at timestamptz not null,
  blocked_until timestamptz,
  primary key (scope, username, address)
);
-- Counts older than a day are forgotten, and their rows deleted as failures come (see throttle.usecases.ts).
create index sign_in_throttles_last_failure on sign_in_throttles (last_failure_at);

-- A user's TOTP secret, sealed (AES-256-GCM) with a key kept in the node's data folder (DATA_DIR/keys),
-- so that a copy of the database alone does not yield codes. Unconfirmed until the first code is shown.
create table user_totp (
  user_id uuid primary key references users(id),
  secret_sealed text not null,
  confirmed_at timestamptz,
  -- The last 30-second step a code was accepted for: a code is never accepted twice.
  last_used_step bigint not null default 0,
  created_at timestamptz not null
);

-- One-time recovery codes: only their SHA-256 is kept (each code has 60 random bits).
create table user_recovery_codes (
  user_id uuid not null references users(id),
  code_hash text not null,
  used_at timestamptz,
  primary key (user_id, code_hash)
);

-- The short-lived state between a right password and the second step (a code, or enrolment): not a session.
create table sign_in_challenges (
  token_hash text primary key,
  user_id uuid not null references users(id),
  purpose text not null check (purpose in ('totp', 'enrol')),
  -- The username as typed and the address, to throttle wrong codes like wrong passwords.
  username text not null,
  address text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index sign_in_challenges_user on sign_in_challenges (user_id);
