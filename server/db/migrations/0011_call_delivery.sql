-- What the network delivered with a call (an NG911 SIP INVITE): the message itself, kept as
-- evidence and for re-reading, the NENA ids, the RFC 7852 additional data as read, and the
-- problems met reading it (shown to the call taker; a call is never refused for its data).
create table call_deliveries (
  call_id uuid primary key references calls (id),
  protocol text not null check (protocol in ('sip')),
  transport text not null,
  sip_call_id text not null,
  emergency_call_id text,
  emergency_incident_id text,
  service text,
  raw_message bytea not null,
  additional_data jsonb not null default '[]',
  problems jsonb not null default '[]',
  -- The server node holding the SIP dialog: it answers and hangs up the call.
  node_id text not null,
  received_at timestamptz not null
);
create index call_deliveries_by_emergency_call on call_deliveries (emergency_call_id);

-- The text conversation of a call: SIP MESSAGE (text to 911) and TTY, both directions.
create table call_texts (
  id uuid primary key default gen_random_uuid(),
  call_id uuid not null references calls (id),
  direction text not null check (direction in ('from_caller', 'to_caller')),
  channel text not null check (channel in ('sip_message', 'tty')),
  body text not null,
  sent_by_user_id uuid references users (id),
  at timestamptz not null
);
create index call_texts_by_call on call_texts (call_id, at);
