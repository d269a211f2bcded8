-- Staff, agencies and positions; sessions; the event log; the audit log.
-- SQL accepted by both PostgreSQL 15 (server) and PGlite (PostgreSQL 17+).

create table agencies (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('police', 'fire', 'ems')),
  town text not null,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  roles text[] not null check (
    cardinality(roles) > 0 and roles <@ array[
      'call_taker', 'dispatcher', 'supervisor', 'records_clerk',
      'disability_coordinator', 'alert_operator', 'administrator'
    ]::text[]
  ),
  agency_id uuid references agencies (id),
  is_active boolean not null default true,
  failed_logons integer not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table positions (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('call_taking', 'dispatch', 'supervisor', 'records', 'administration')),
  state text not null default 'signed_off' check (state in ('ready', 'not_ready', 'break', 'signed_off')),
  state_changed_at timestamptz not null default now(),
  user_id uuid references users (id),
  created_at timestamptz not null default now()
);
-- A person sits at one position at a time.
create unique index positions_one_per_user on positions (user_id) where user_id is not null;

create table sessions (
  -- SHA-256 of the cookie's token: a copy of this table does not let anyone log on.
  id text primary key,
  user_id uuid not null references users (id),
  position_id uuid references positions (id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  ended_at timestamptz,
  end_reason text
);
create index sessions_open_by_user on sessions (user_id) where ended_at is null;

-- The event log. `tx` is the writing transaction's id: readers order by (tx, id) and read only
-- below the oldest running transaction, so an event that commits late is never skipped.
create table events (
  id bigserial primary key,
  tx xid8 not null default pg_current_xact_id(),
  stream text not null,
  type text not null,
  payload jsonb not null,
  actor_user_id uuid,
  actor_position_id uuid,
  audience_roles text[],
  audience_agency_ids uuid[],
  audience_position_id uuid,
  occurred_at timestamptz not null default now()
);
create index events_log_order on events (tx, id);
create index events_by_stream on events (stream, id);

-- The last position each console acknowledged; a reconnecting console resumes after it.
create table live_consumers (
  consumer_id text primary key,
  user_id uuid not null references users (id),
  position text not null,
  updated_at timestamptz not null default now()
);

-- A command sent again with the same Idempotency-Key returns its first result instead of running twice.
create table idempotency_keys (
  user_id uuid not null references users (id),
  key text not null,
  request_hash text not null,
  result jsonb not null,
  created_at timestamptz not null default now(),
  primary key (user_id, key)
);

create table audit_log (
  id bigserial primary key,
  tx xid8 not null default pg_current_xact_id(),
  at timestamptz not null,
  component text not null,
  event_type text not null,
  outcome text not null check (outcome in ('success', 'failure', 'denied')),
  user_id uuid,
  username text,
  position_id uuid,
  subject_type text,
  subject_id text,
  details jsonb not null default '{}',
  request_id text,
  -- SHA-256 of the row's content, written with the row.
  row_hash text not null
);
create index audit_log_chain_order on audit_log (tx, id);
create index audit_log_by_time on audit_log (at);
create index audit_log_by_user on audit_log (user_id, id);

-- The hash chain over audit rows, sealed in log order shortly after they commit, so that writers
-- never wait for each other on one lock.
create table audit_chain (
  seq bigint primary key,
  audit_id bigint not null unique references audit_log (id) on delete cascade,
  prev_hash text not null,
  chain_hash text not null,
  sealed_at timestamptz not null default now()
);

create function refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end $$;

create trigger events_append_only before update or delete on events
  for each row execute function refuse_change();
create trigger events_no_truncate before truncate on events
  for each statement execute function refuse_change();
create trigger audit_log_no_update before update on audit_log
  for each row execute function refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function refuse_change();
create trigger audit_chain_no_update before update on audit_chain
  for each row execute function refuse_change();
create trigger audit_chain_no_truncate before truncate on audit_chain
  for each statement execute function refuse_change();

-- Audit rows inside the retention period cannot be deleted, whatever the caller: the floor is
-- 365 days; `ecc.audit_retention_days` may only raise it.
create function refuse_young_audit_delete() returns trigger language plpgsql as $$
declare
  retention_days integer := greatest(365, coalesce(nullif(current_setting('ecc.audit_retention_days', true), '')::integer, 365));
begin
  if old.at > now() - make_interval(days => retention_days) then
    raise exception 'audit row % is inside the % day retention period', old.id, retention_days
      using errcode = 'insufficient_privilege';
  end if;
  return old;
end $$;
create trigger audit_log_retention before delete on audit_log
  for each row execute function refuse_young_audit_delete();

-- A chain link goes only with its audit row (the cascade above).
create function refuse_orphaning_chain_delete() returns trigger language plpgsql as $$
begin
  if exists (select 1 from audit_log where id = old.audit_id) then
    raise exception 'audit_chain rows go only with their audit row' using errcode = 'insufficient_privilege';
  end if;
  return old;
end $$;
create trigger audit_chain_with_row before delete on audit_chain
  for each row execute function refuse_orphaning_chain_delete();
