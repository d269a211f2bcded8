-- The disability indicator registry (MA 911 Disability Indicator program): a resident's request
-- (from the portal or a paper form the coordinator types in), reviewed by the coordinator of the
-- town, and the per-address indicators entered from it. An indicator is never deleted: a move, a
-- new unit or a changed phone deactivates it, with the reason, when its new request is entered.

create table disability_requests (
  id uuid primary key default gen_random_uuid(),
  source text not null check (source in ('portal', 'paper')),
  resident_account_id uuid references resident_accounts (id),
  entered_by_user_id uuid references users (id),
  person_name text not null,
  -- The civic address in its parts (CivicAddress), the unit included.
  address jsonb not null,
  town text not null,
  -- normalName(town): the coordinator's town is compared in this form.
  town_key text not null,
  kinds text[] not null check (cardinality(kinds) > 0),
  note text not null default '',
  -- E.164.
  contact_phone text not null,
  status text not null default 'filed' check (status in ('filed', 'returned', 'entered')),
  return_reason text,
  decided_at timestamptz,
  decided_by_user_id uuid references users (id),
  indicator_id uuid,
  created_at timestamptz not null default now(),
  check (source = 'paper' or resident_account_id is not null)
);
create index disability_requests_queue on disability_requests (town_key, status, created_at);
create index disability_requests_resident on disability_requests (resident_account_id, created_at);

create table disability_indicators (
  id uuid primary key default gen_random_uuid(),
  request_id uuid references disability_requests (id),
  person_name text not null,
  contact_phone text not null,
  address jsonb not null,
  location_text text not null,
  town text not null,
  town_key text not null,
  -- addressKey() of the verified address (the typed one when entered on override) ...
  address_key text not null,
  -- ... and the unit, normalised ('Apt 3', '#3', 'Unit 3' are all '3'; '' for none).
  unit_key text not null default '',
  kinds text[] not null check (cardinality(kinds) > 0),
  note text not null default '',
  override_reason text,
  is_active boolean not null default true,
  deactivated_at timestamptz,
  deactivated_reason text,
  deactivated_by_user_id uuid references users (id),
  created_at timestamptz not null default now(),
  created_by_user_id uuid references users (id),
  last_verified_at timestamptz not null default now(),
  last_verified_by_user_id uuid references users (id),
  check (is_active or (deactivated_at is not null and deactivated_reason is not null))
);
-- The call-time lookup: active indicators at one address and unit.
create index disability_indicators_at on disability_indicators (address_key, unit_key)
  where is_active;
create index disability_indicators_town on disability_indicators (town_key, is_active);
create index disability_indicators_phone on disability_indicators (contact_phone) where is_active;

alter table disability_requests
  add constraint disability_requests_indicator
  foreign key (indicator_id) references disability_indicators (id);
