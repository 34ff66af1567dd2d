-- 0007: appends to the audit chain and the evidence log in one server-side call, so that the chains' lock is
-- held for one statement and the commit, not for several round trips to a busy client.
--
-- audit: [{ prefix, at, actorUserId, actorOrgId, action, resourceType, resourceId, orgId, ip, details }]
--   `prefix` is the entry's canonical JSON up to its `seq` (the last key in sort order): the hash is
--   SHA-256(prev_hash ‖ prefix ‖ seq ‖ '}'), exactly what verifyAuditChain recomputes.
-- evidence: [{ kind, ref, caseRef, entry, leafHash, at }]
create function append_chains(audit jsonb, evidence jsonb) returns void language plpgsql as $$
declare
  head_seq bigint;
  head_hash text;
  next_idx bigint;
  item jsonb;
  entry_hash text;
begin
  perform pg_advisory_xact_lock(727002);
  if jsonb_array_length(audit) > 0 then
    select seq, hash into head_seq, head_hash from audit_log order by seq desc limit 1;
    head_seq := coalesce(head_seq, 0);
    head_hash := coalesce(head_hash, repeat('0', 64));
    for item in select value from jsonb_array_elements(audit) loop
      head_seq := head_seq + 1;
      entry_hash := encode(sha256(convert_to(head_hash || (item->>'prefix') || head_seq::text || '}', 'UTF8')), 'hex');
      insert into audit_log (seq, at, actor_user_id, actor_org_id, action, resource_type, resource_id, org_id, ip, details, prev_hash, hash)
      values (head_seq, (item->>'at')::timestamptz, (item->>'actorUserId')::uuid, (item->>'actorOrgId')::uuid, item->>'action',
              item->>'resourceType', item->>'resourceId', (item->>'orgId')::uuid, item->>'ip', item->'details', head_hash, entry_hash);
      head_hash := entry_hash;
    end loop;
  end if;
  if jsonb_array_length(evidence) > 0 then
    select idx into next_idx from evidence_log order by idx desc limit 1;
    next_idx := coalesce(next_idx, -1);
    for item in select value from jsonb_array_elements(evidence) loop
      next_idx := next_idx + 1;
      insert into evidence_log (idx, kind, ref, case_ref, entry, leaf_hash, at)
      values (next_idx, item->>'kind', item->>'ref', item->>'caseRef', item->>'entry', item->>'leafHash', (item->>'at')::timestamptz);
    end loop;
  end if;
end $$;
