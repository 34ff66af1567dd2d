-- User administration (issue 18, point 9): an administrator may reset a user's password to a one-time password,
-- which signs in only to choose a new one. `must_change_password` marks such a user; a sign-in with the right
-- one-time password gets a short-lived challenge of purpose 'password' (not a session) until the new password
-- is set. Disabling, enabling and unlocking reuse `disabled_at` and `locked_until` (0001).
alter table users add column must_change_password boolean not null default false;

alter table sign_in_challenges drop constraint sign_in_challenges_purpose_check;
alter table sign_in_challenges add constraint sign_in_challenges_purpose_check
  check (purpose in ('totp', 'enrol', 'password'));

-- The audit log's filters (by user, by organisation, by action) read newest first within one of them.
create index audit_log_actor_seq on audit_log (actor_user_id, seq);
create index audit_log_org_seq on audit_log (org_id, seq);
create index audit_log_action_seq on audit_log (action, seq);
