-- 0030: who changed a case last. A draft is edited by its officer and its chief; a save carries the version it
-- was typed on (the case's updated_at), and a save on an older version is refused with "changed by X at T,
-- reload" (optimistic concurrency, issue 18). updated_at says when; this column says who. Existing cases are
-- credited to whoever opened them; a user is never deleted, so the reference holds.
alter table cases add column updated_by uuid references users (id);
update cases set updated_by = created_by;
alter table cases alter column updated_by set not null;
