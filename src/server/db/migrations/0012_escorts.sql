-- 0012: escorts (بدرقه) of people between a station and its escort unit. As with orders, each side keeps
-- its own row of the same escort, and the signed messages between them move both.
create table escorts (
  org_id uuid not null references organisations(id),
  escort_id uuid not null,
  side text not null check (side in ('station', 'escort_unit')),
  case_ref text not null,
  -- The station's number of the case, as both sides speak of it.
  case_number text not null,
  case_id uuid references cases(id),
  party_id uuid references parties(id),
  order_id uuid,
  peer_node text not null,
  peer_org text not null,
  -- The person as the station recorded them: names and identifiers (the escort officers must know whom they take).
  person jsonb not null,
  in_custody_since timestamptz,
  destination text not null
    check (destination in ('prosecutor_office', 'court', 'prison', 'forensic_medicine', 'hospital', 'other')),
  place text not null,
  scheduled_at timestamptz not null,
  reason text not null,
  requested_by text not null,
  requested_at timestamptz not null,
  status text not null check (status in ('requested', 'assigned', 'picked_up', 'delivered', 'cancelled')),
  officers text,
  vehicle text,
  assigned_at timestamptz,
  picked_up_at timestamptz,
  picked_up_from text,
  delivered_at timestamptz,
  delivered_to text,
  cancelled_at timestamptz,
  cancel_reason text,
  updated_at timestamptz not null,
  primary key (org_id, escort_id)
);
create index escorts_scheduled on escorts (org_id, scheduled_at);
create index escorts_case on escorts (case_id);
