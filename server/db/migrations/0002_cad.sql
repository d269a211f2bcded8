-- Computer-aided dispatch: calls on the center's lines, incidents, units and their assignments.
-- SQL accepted by both PostgreSQL 15 (server) and PGlite (PostgreSQL 17+).

-- Systems that feed the center (the phone system, the AVL gateway) log on as integration accounts.
alter table users drop constraint users_roles_check;
alter table users add constraint users_roles_check check (
  cardinality(roles) > 0 and roles <@ array[
    'call_taker', 'dispatcher', 'supervisor', 'records_clerk',
    'disability_coordinator', 'alert_operator', 'administrator', 'integration'
  ]::text[]
);

create table stations (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null,
  agency_id uuid not null references agencies (id),
  town text not null,
  address text not null,
  lat double precision not null,
  lon double precision not null
);

-- Kinds of incident, each with its default priority (1 is the most urgent) and the APCO common
-- incident type that EIDO carries.
create table nature_codes (
  code text primary key,
  description text not null,
  discipline text not null check (discipline in ('police', 'fire', 'ems')),
  default_priority smallint not null check (default_priority between 1 and 5),
  apco_type text not null,
  is_active boolean not null default true
);

-- Run cards: which unit types, how many, per alarm level. A town's own card replaces the
-- center-wide one (town null) for that nature code.
create table response_plans (
  id uuid primary key default gen_random_uuid(),
  nature_code text not null references nature_codes (code),
  town text,
  alarm_level smallint not null check (alarm_level between 1 and 5),
  unit_type text not null,
  unit_count smallint not null check (unit_count > 0)
);
create unique index response_plans_one_line on response_plans
  (nature_code, coalesce(town, ''), alarm_level, unit_type);

create table dispositions (
  code text primary key,
  label text not null,
  -- Where the code may be used: closing a call without an incident, closing an incident.
  applies_to text[] not null check (applies_to <@ array['call', 'incident']::text[]),
  is_active boolean not null default true
);

create table units (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  agency_id uuid not null references agencies (id),
  station_id uuid references stations (id),
  unit_type text not null,
  capabilities text[] not null default '{}',
  status text not null default 'in_quarters' check (status in (
    'available', 'dispatched', 'en_route', 'on_scene', 'transporting', 'at_hospital',
    'in_quarters', 'out_of_service'
  )),
  status_changed_at timestamptz not null default now(),
  -- When the running status timer started: a status change or a check-in restarts it.
  timer_started_at timestamptz not null default now(),
  out_of_service_reason text,
  -- The incident of the active assignment, kept with the unit for the status board.
  incident_id uuid,
  fix_lat double precision,
  fix_lon double precision,
  fix_heading double precision,
  fix_speed_kmh double precision,
  fix_at timestamptz,
  created_at timestamptz not null default now()
);
create index units_by_agency on units (agency_id, code);

-- Incident numbers per agency and year: a counter row, taken under its row lock.
create table incident_number_counters (
  agency_id uuid not null references agencies (id),
  year integer not null,
  last_value integer not null,
  primary key (agency_id, year)
);

create table incidents (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,
  agency_id uuid not null references agencies (id),
  kind text not null check (kind in ('emergency', 'non_emergency', 'service_request')),
  nature_code text not null references nature_codes (code),
  priority smallint not null check (priority between 1 and 5),
  status text not null default 'pending' check (status in ('pending', 'active', 'closed')),
  alarm_level smallint not null default 1 check (alarm_level between 1 and 5),
  location_text text not null,
  address jsonb,
  -- The address in one normal form, for premise cautions and prior incidents there.
  address_key text,
  town text,
  lat double precision,
  lon double precision,
  is_location_verified boolean not null default false,
  location_override_reason text,
  location_followed_up_at timestamptz,
  location_followed_up_by uuid references users (id),
  disposition text references dispositions (code),
  created_at timestamptz not null default now(),
  created_by_user_id uuid references users (id),
  created_by_position_id uuid references positions (id),
  first_dispatched_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz not null default now()
);
create index incidents_open on incidents (created_at) where status <> 'closed';
create index incidents_by_address on incidents (address_key, created_at);
create index incidents_unverified on incidents (created_at)
  where not is_location_verified and location_followed_up_at is null;

alter table units add constraint units_incident_fk foreign key (incident_id) references incidents (id);

create table calls (
  id uuid primary key default gen_random_uuid(),
  -- The phone system's id for the call: offering it again gives the same call back.
  external_id text unique,
  line text not null check (line in ('911', 'non_emergency', 'switchboard', 'admin')),
  ani text,
  caller_name text,
  class_of_service text,
  trunk text,
  queue text,
  status text not null default 'ringing' check (status in ('ringing', 'answered', 'released')),
  arrived_at timestamptz not null,
  answered_at timestamptz,
  answered_by_position_id uuid references positions (id),
  answered_by_user_id uuid references users (id),
  transferred_at timestamptz,
  transferred_to text,
  released_at timestamptz,
  incident_id uuid references incidents (id),
  attached_as text check (attached_as in ('originating', 'duplicate')),
  incident_linked_at timestamptz,
  disposition text references dispositions (code),
  closed_at timestamptz,
  closed_by_user_id uuid references users (id),
  check ((incident_id is null) = (attached_as is null))
);
create index calls_open on calls (arrived_at) where closed_at is null;
create index calls_by_ani on calls (ani, arrived_at);
create index calls_by_incident on calls (incident_id);

-- Every location a call brought, with where it came from. A later one never overwrites the
-- delivered one; making one primary is an explicit, logged act.
create table call_locations (
  id uuid primary key default gen_random_uuid(),
  call_id uuid not null references calls (id),
  source text not null check (source in ('ali', 'pidf_lo', 'device', 'caller_stated')),
  location_text text,
  address jsonb,
  address_key text,
  town text,
  lat double precision,
  lon double precision,
  uncertainty_m double precision,
  confidence_pct smallint,
  received_at timestamptz not null,
  is_primary boolean not null default false,
  promoted_at timestamptz,
  promoted_by_user_id uuid references users (id),
  check (location_text is not null or (lat is not null and lon is not null))
);
create index call_locations_by_call on call_locations (call_id, received_at);
create unique index call_locations_one_primary on call_locations (call_id) where is_primary;

-- "Not a duplicate" decisions, so that a dismissed candidate is not offered again.
create table call_duplicate_dismissals (
  call_id uuid not null references calls (id),
  incident_id uuid not null references incidents (id),
  reason text,
  dismissed_at timestamptz not null,
  dismissed_by_user_id uuid references users (id),
  primary key (call_id, incident_id)
);

-- Narrative: append-only. An edit is a new note naming the one it replaces.
create table incident_notes (
  id uuid primary key default gen_random_uuid(),
  incident_id uuid not null references incidents (id),
  text text not null,
  supersedes_note_id uuid unique references incident_notes (id),
  author_user_id uuid references users (id),
  author_position_id uuid references positions (id),
  created_at timestamptz not null default now()
);
create index incident_notes_by_incident on incident_notes (incident_id, created_at);
create trigger incident_notes_append_only before update or delete on incident_notes
  for each row execute function refuse_change();

-- Which units work which incident. A unit is on at most ONE active assignment: the index below
-- enforces it whatever the isolation level. A committed unit can be stacked on a second incident
-- and becomes active there when cleared from the first.
create table unit_assignments (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references units (id),
  incident_id uuid not null references incidents (id),
  -- Incident numbers never change: kept here for the status board and the unit's events.
  incident_number text not null,
  state text not null check (state in ('active', 'stacked', 'cleared')),
  assigned_at timestamptz not null,
  activated_at timestamptz,
  cleared_at timestamptz,
  assigned_by_user_id uuid references users (id),
  cleared_by_user_id uuid references users (id),
  clear_reason text
);
create unique index unit_assignments_one_active on unit_assignments (unit_id) where state = 'active';
create unique index unit_assignments_once_per_incident on unit_assignments (unit_id, incident_id)
  where state <> 'cleared';
create index unit_assignments_by_incident on unit_assignments (incident_id, assigned_at);
create index unit_assignments_stacked on unit_assignments (unit_id, assigned_at) where state = 'stacked';

-- Cautions and hazards per address, shown on every new call there.
create table premise_cautions (
  id uuid primary key default gen_random_uuid(),
  address_key text not null,
  location_text text not null,
  town text,
  kind text not null check (kind in ('hazard', 'caution', 'access', 'animal', 'medical', 'weapons')),
  text text not null,
  expires_at timestamptz,
  created_at timestamptz not null default now(),
  created_by_user_id uuid references users (id),
  removed_at timestamptz,
  removed_by_user_id uuid references users (id)
);
create index premise_cautions_by_address on premise_cautions (address_key) where removed_at is null;

-- Be-on-the-lookout notices, broadcast to every dispatch position and searchable.
create table bolos (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('vehicle', 'person')),
  plate text,
  plate_state text,
  vehicle text,
  person text,
  details text not null,
  incident_id uuid references incidents (id),
  created_at timestamptz not null default now(),
  created_by_user_id uuid references users (id),
  expires_at timestamptz not null,
  cancelled_at timestamptz,
  cancelled_by_user_id uuid references users (id),
  cancel_reason text
);
create index bolos_by_plate on bolos (plate);
create index bolos_active on bolos (expires_at) where cancelled_at is null;

-- Status timers: how long a unit may stay in a status before a warning, then an alert. A row
-- for an agency kind replaces the row for all kinds (agency_kind '*').
create table unit_timer_settings (
  status text not null,
  agency_kind text not null check (agency_kind in ('*', 'police', 'fire', 'ems')),
  warn_seconds integer not null check (warn_seconds > 0),
  alert_seconds integer not null check (alert_seconds >= warn_seconds),
  label text not null,
  primary key (status, agency_kind)
);

-- A raised timer, shown until acknowledged. One row per level per run of the timer, however
-- many nodes scan.
create table unit_timer_alerts (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references units (id),
  status text not null,
  timer_started_at timestamptz not null,
  level text not null check (level in ('warn', 'alert')),
  -- What was crossed, kept with the alert: a later change of the settings does not rewrite it.
  threshold_seconds integer not null,
  label text not null,
  raised_at timestamptz not null,
  acknowledged_at timestamptz,
  acknowledged_by_user_id uuid references users (id),
  unique (unit_id, timer_started_at, level)
);
create index unit_timer_alerts_open on unit_timer_alerts (raised_at) where acknowledged_at is null;
create index unit_timer_alerts_open_by_unit on unit_timer_alerts (unit_id) where acknowledged_at is null;

-- A unit's emergency button: start, acknowledgement by dispatch, stop.
create table unit_emergencies (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references units (id),
  incident_id uuid references incidents (id),
  lat double precision,
  lon double precision,
  started_at timestamptz not null,
  started_by_user_id uuid references users (id),
  acknowledged_at timestamptz,
  acknowledged_by_user_id uuid references users (id),
  stopped_at timestamptz,
  stopped_by_user_id uuid references users (id),
  stop_reason text
);
create unique index unit_emergencies_one_open on unit_emergencies (unit_id) where stopped_at is null;

-- An incident's timeline also holds the events of its units and calls: they name it here.
create index events_by_incident on events ((payload ->> 'incidentId'), id)
  where payload ? 'incidentId';
