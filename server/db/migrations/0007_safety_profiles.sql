-- Safety profiles: what a resident tells the center about their household, shown to the call
-- taker who answers a 911 call from one of the resident's confirmed phones. One per account.
--
-- The call-time lookup is two unique-index probes, fit for a million profiles: the ANI through
-- resident_phones_confirmed_number (0006: unique on number, confirmed and not removed) to the
-- account, then safety_profiles by its primary key.

create table safety_profiles (
  account_id uuid primary key references resident_accounts (id),
  -- members (each with its id), pets, vehicles, home, contacts: replaced whole on every save and
  -- read whole, never searched, so one jsonb value rather than a table per part.
  content jsonb not null,
  -- Saving or re-confirming; the profile is stale a setting's days (183) after this.
  confirmed_at timestamptz not null,
  -- When the re-confirmation e-mail went for the current confirmed_at (null: not yet).
  reminded_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- The reminder worker's scan: profiles not re-confirmed, oldest first.
create index safety_profiles_confirmed_at on safety_profiles (confirmed_at) where reminded_at is null;

-- Photos live in the database, not the data folder: several nodes share one PostgreSQL and no
-- node's disk is the only copy; a photo commits and rolls back with its profile and its audit row;
-- backups and replicas carry it. A separate table keeps the profile row small for the lookup.
create table safety_profile_photos (
  account_id uuid not null references safety_profiles (account_id) on delete cascade,
  member_id uuid not null,
  content_type text not null check (content_type in ('image/jpeg', 'image/png')),
  byte_size integer not null check (byte_size > 0),
  bytes bytea not null,
  uploaded_at timestamptz not null default now(),
  primary key (account_id, member_id)
);
