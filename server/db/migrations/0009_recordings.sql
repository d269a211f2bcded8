-- 911 recordings: the media lives in files under the recordings folder (a setting), named by the
-- row's id; the row holds what proves the file (SHA-256, size) and what describes it. A file is
-- never changed: a redaction is a new row and file that links to its original. Past retention the
-- media is deleted and the row stays, with its chain of custody.

create table recordings (
  id uuid primary key default gen_random_uuid(),
  call_id uuid not null references calls (id),
  kind text not null check (kind in ('audio', 'transcript')),
  content_type text not null,
  encoding text check (encoding in ('pcm16', 'pcmu', 'pcma')),
  sample_rate integer,
  channels integer,
  duration_ms integer,
  byte_size bigint not null,
  sha256 text not null,
  -- The file's path inside the recordings folder.
  storage_path text not null unique,
  started_at timestamptz not null,
  source text not null check (source in ('upload', 'sip', 'demo', 'redaction')),
  demo boolean not null default false,
  external_id text,
  derived_from_id uuid references recordings (id),
  redacted_ranges jsonb not null default '[]',
  redaction_reason text,
  legal_hold_reason text,
  legal_hold_at timestamptz,
  legal_hold_by_user_id uuid references users (id),
  retain_until timestamptz not null,
  media_deleted_at timestamptz,
  created_at timestamptz not null,
  created_by_user_id uuid references users (id),
  check (source <> 'redaction' or derived_from_id is not null)
);
create index recordings_by_call on recordings (call_id, started_at);
create index recordings_by_original on recordings (derived_from_id) where derived_from_id is not null;
create index recordings_retention on recordings (retain_until) where media_deleted_at is null;

-- Who did what to a recording, when: append-only, like the audit log.
create table recording_custody (
  id uuid primary key default gen_random_uuid(),
  recording_id uuid not null references recordings (id),
  action text not null,
  at timestamptz not null,
  user_id uuid references users (id),
  resident_account_id uuid references resident_accounts (id),
  -- The name shown in the log: a username, 'resident <email>', 'download link' or 'system'.
  actor text not null,
  details jsonb not null default '{}'
);
create index recording_custody_by_recording on recording_custody (recording_id, at);

create trigger recording_custody_no_update before update or delete on recording_custody
  for each row execute function refuse_change();
create trigger recording_custody_no_truncate before truncate on recording_custody
  for each statement execute function refuse_change();
