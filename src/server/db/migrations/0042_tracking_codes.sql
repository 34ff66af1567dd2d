-- Citizens too (issue 19, point 5): the complainant's tracking page shows nothing before a one-time code sent to
-- the complainant's mobile. Each request for a code is a row (also the unknown ones: no case, no code, no SMS),
-- so that codes are limited per case and per client address; the code is stored hashed, with its expiry and
-- its tries. A complainant's agreement to receive the case's new status by SMS is recorded on the party.
create table tracking_code_requests (
  id uuid primary key,
  -- the case asked about; null when the tracking code and identity matched none (same answer, nothing sent)
  case_id uuid references cases(id),
  ip text,
  -- sha256 of the case's id and the code; null when no code was made (unknown, limited, no phone)
  code_hash text,
  expires_at timestamptz,
  tries int not null default 0,
  requested_at timestamptz not null
);
create index tracking_code_requests_case on tracking_code_requests (case_id, requested_at);
create index tracking_code_requests_ip on tracking_code_requests (ip, requested_at);

alter table parties add column sms_consent boolean not null default false;

-- The deployment's key for the answer to an unknown tracking code: a hint ("***1234") derived from the question
-- with it looks like a real one and is the same at every node and every try, so it tells nothing.
create table tracking_hint_key (key text not null);
insert into tracking_hint_key (key) select gen_random_uuid()::text || gen_random_uuid()::text;
