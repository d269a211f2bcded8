-- Residents: one account for every resident service (safety profile, disability indicator
-- request, recording requests, alert sign-up), their sessions, their phone numbers and the
-- codes that confirm them; the outbox every text, call and e-mail to the public goes through.

create table resident_accounts (
  id uuid primary key default gen_random_uuid(),
  email text not null unique check (email = lower(email)),
  display_name text not null,
  password_hash text not null,
  is_active boolean not null default true,
  failed_logons integer not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null default now()
);

create table resident_sessions (
  -- SHA-256 of the cookie's token, as for staff sessions.
  id text primary key,
  account_id uuid not null references resident_accounts (id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  ended_at timestamptz,
  end_reason text
);

create table resident_phones (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references resident_accounts (id),
  -- E.164, '+15085550123': the form call ANIs are matched in.
  number text not null,
  label text,
  confirmed_at timestamptz,
  -- The pending confirmation: a hash of the code, when it lapses, wrong tries so far.
  code_hash text,
  code_expires_at timestamptz,
  code_attempts integer not null default 0,
  code_channel text check (code_channel in ('sms', 'voice')),
  removed_at timestamptz,
  created_at timestamptz not null default now()
);
-- A number belongs to one account at a time once confirmed: a 911 call must find one profile.
create unique index resident_phones_confirmed_number on resident_phones (number)
  where confirmed_at is not null and removed_at is null;
create unique index resident_phones_one_per_account on resident_phones (account_id, number)
  where removed_at is null;

create table outbox_messages (
  id uuid primary key default gen_random_uuid(),
  channel text not null check (channel in ('sms', 'voice', 'email')),
  recipient text not null,
  body text not null,
  -- What the message is for ('phone_confirmation', ...): kept for the audit and the admin screen.
  purpose text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'held')),
  attempts integer not null default 0,
  last_error text,
  provider_id text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index outbox_messages_pending on outbox_messages (created_at) where status = 'pending';
