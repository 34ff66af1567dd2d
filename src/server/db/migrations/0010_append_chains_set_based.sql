-- 0010: append_chains (0007) writes each chain with one statement instead of one per entry: the evidence
-- entries numbered by their position, the audit entries hashed one after another by a recursive query.
-- Same arguments, same rows, same hashes (SHA-256(prev_hash ‖ prefix ‖ seq ‖ '}')); the function runs
-- under the chains' lock until the commit, so each statement saved there is saved for every writer.
create or replace function append_chains(audit jsonb, evidence jsonb) returns void language plpgsql as $$
declare
  head_seq bigint;
  head_hash text;
  last_idx bigint;
begin
  perform pg_advisory_xact_lock(727002);
  if jsonb_array_length(audit) > 0 then
    select seq, hash into head_seq, head_hash from audit_log order by seq desc limit 1;
    insert into audit_log (seq, at, actor_user_id, actor_org_id, action, resource_type, resource_id, org_id, ip, details, prev_hash, hash)
    with recursive item as (
      select value, ordinality as n from jsonb_array_elements(audit) with ordinality
    ), chained (n, seq, prev_hash, hash) as (
      select 0::bigint, coalesce(head_seq, 0), null::text, coalesce(head_hash, repeat('0', 64))
      union all
      select i.n, c.seq + 1, c.hash,
             encode(sha256(convert_to(c.hash || (i.value->>'prefix') || (c.seq + 1)::text || '}', 'UTF8')), 'hex')
      from chained c join item i on i.n = c.n + 1
    )
    select c.seq, (i.value->>'at')::timestamptz, (i.value->>'actorUserId')::uuid, (i.value->>'actorOrgId')::uuid,
           i.value->>'action', i.value->>'resourceType', i.value->>'resourceId', (i.value->>'orgId')::uuid,
           i.value->>'ip', i.value->'details', c.prev_hash, c.hash
    from chained c join item i on i.n = c.n
    order by c.seq;
  end if;
  if jsonb_array_length(evidence) > 0 then
    select idx into last_idx from evidence_log order by idx desc limit 1;
    insert into evidence_log (idx, kind, ref, case_ref, entry, leaf_hash, at)
    select coalesce(last_idx, -1) + n, value->>'kind', value->>'ref', value->>'caseRef', value->>'entry',
           value->>'leafHash', (value->>'at')::timestamptz
    from jsonb_array_elements(evidence) with ordinality as e(value, n)
    order by n;
  end if;
end $$;
