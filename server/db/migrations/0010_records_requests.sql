-- Records requests for 911 recordings (M.G.L. c.66 §10, c.166 §14A(d)): one request per call,
-- with the requester's eligibility, the fee and its checks, and the files released to them.

-- The business-day calendar: Massachusetts legal holidays, filled in per year the first time the
-- year is needed (records_holiday_years says which years are), then editable by the clerks. A
-- removed statutory holiday stays as a row marked deleted, so filling never brings it back.
create table records_holidays (
  date date primary key,
  name text not null,
  source text not null check (source in ('statute', 'edited')),
  deleted boolean not null default false
);
create table records_holiday_years (
  year integer primary key,
  filled_at timestamptz not null
);

-- RR-<year>-<000001>: one counter per year of receipt.
create table records_request_counters (
  year integer primary key,
  last_value integer not null
);

create table records_requests (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,
  source text not null check (source in ('portal', 'paper')),
  resident_account_id uuid references resident_accounts (id),
  entered_by_user_id uuid references users (id),
  requester_name text not null,
  requester_email text,
  requester_phone text,
  requester_address text,
  requester_type text not null check (requester_type in ('caller', 'investigator', 'other')),
  investigator jsonb,
  -- What the requester said of the call, in the center's local date and time.
  call_date text not null,
  time_from text not null,
  time_to text not null,
  calling_number text not null,
  location text not null,
  what_happened text not null,
  call_id uuid references calls (id),
  call_linked_at timestamptz,
  call_linked_by_user_id uuid references users (id),
  eligibility text not null default 'pending'
    check (eligibility in ('pending', 'eligible', 'refused')),
  eligibility_method text
    check (eligibility_method in ('caller_code', 'clerk_id_check', 'investigator_confirmed')),
  eligibility_note text,
  eligibility_decided_by_user_id uuid references users (id),
  eligibility_decided_at timestamptz,
  refusal_reason text,
  refused_at timestamptz,
  -- The code sent to the calling number (kept only as a hash), and the number once proven.
  number_code_hash text,
  number_code_expires_at timestamptz,
  number_code_attempts integer not null default 0,
  proven_number text,
  number_proven_at timestamptz,
  -- Hours of work, entered by the clerk in the hourly fee model.
  fee_hours double precision,
  received_at timestamptz not null,
  responded_at timestamptz,
  released_at timestamptz,
  created_at timestamptz not null,
  check (source <> 'portal' or resident_account_id is not null),
  check (requester_type <> 'investigator' or investigator is not null)
);
create index records_requests_open on records_requests (received_at)
  where released_at is null and eligibility <> 'refused';
create index records_requests_by_account on records_requests (resident_account_id, created_at);
create index records_requests_by_call on records_requests (call_id) where call_id is not null;
-- One open request per call and requester; the service answers 409 first, this is the backstop.
create unique index records_requests_one_open_by_account
  on records_requests (call_id, resident_account_id)
  where call_id is not null and resident_account_id is not null and eligibility <> 'refused';

create table records_request_payments (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references records_requests (id),
  check_number text not null,
  amount_cents integer not null check (amount_cents > 0),
  received_on text not null,
  payer text not null,
  recorded_by_user_id uuid references users (id),
  recorded_at timestamptz not null
);
create index records_request_payments_by_request on records_request_payments (request_id);

-- A file released to a requester: what it was at release, and its download link (its token is
-- kept only as a SHA-256; the link itself is shown once).
create table records_release_files (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references records_requests (id),
  recording_id uuid not null references recordings (id),
  token_sha256 text not null unique,
  file_name text not null,
  sha256 text not null,
  byte_size bigint not null,
  duration_ms integer,
  redacted boolean not null,
  expires_at timestamptz not null,
  created_at timestamptz not null,
  unique (request_id, recording_id)
);

create table records_downloads (
  id uuid primary key default gen_random_uuid(),
  file_id uuid not null references records_release_files (id),
  at timestamptz not null,
  -- 'download link', or 'resident <email>' through the portal.
  by text not null,
  resident_account_id uuid references resident_accounts (id)
);
create index records_downloads_by_file on records_downloads (file_id, at);

-- The candidate search reads calls by arrival time (a number match uses calls_by_ani).
create index if not exists calls_by_arrival on calls (arrived_at);
