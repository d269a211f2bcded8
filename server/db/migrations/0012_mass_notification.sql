-- Mass notification: who signed up (or was imported) to be alerted, where they are and how to
-- reach them; the alerts operators compose and send; one delivery per alert and contact, sent
-- through pg-boss jobs (schema pgboss, created by pg-boss itself) under the channel throttles.

-- Lists imported by administrators: emergency-only listings (the phone company's) and the test
-- list of staff devices that Test and Exercise alerts go to.
create table alert_lists (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  kind text not null check (kind in ('emergency_only', 'test')),
  source text,
  imported_by uuid references users (id),
  imported_at timestamptz not null default now(),
  row_count integer not null default 0,
  retired_at timestamptz
);

-- A subscriber: a resident's sign-up in the portal (audience 'public'), or one row of an imported
-- list ('emergency_only' or 'test'). Emergency alerts reach public and emergency_only; general
-- notices reach public subscribers who opted in to their category; Test and Exercise alerts
-- reach the test list only.
create table alert_subscribers (
  id uuid primary key default gen_random_uuid(),
  audience text not null check (audience in ('public', 'emergency_only', 'test')),
  account_id uuid unique references resident_accounts (id),
  list_id uuid references alert_lists (id),
  display_name text,
  -- BCP 47 code of the language messages are sent in (common/api/alerts.ts ALERT_LANGUAGES).
  language text not null default 'en',
  -- Opt-in notice categories besides 'emergency', which is always on.
  notice_categories text[] not null default '{}',
  -- The capability in every message's unsubscribe link.
  unsubscribe_token text not null unique,
  status text not null default 'active' check (status in ('active', 'unsubscribed')),
  created_at timestamptz not null default now(),
  unsubscribed_at timestamptz,
  check ((audience = 'public') = (account_id is not null)),
  check ((audience = 'public') = (list_id is null))
);

-- Where a subscriber wants to be alerted for: verified addresses placed on the map.
create table alert_subscriber_addresses (
  id uuid primary key default gen_random_uuid(),
  subscriber_id uuid not null references alert_subscribers (id),
  label text not null,
  town text not null,
  lat double precision not null,
  lon double precision not null,
  address_point_id bigint,
  removed_at timestamptz,
  created_at timestamptz not null default now()
);
create index alert_subscriber_addresses_place on alert_subscriber_addresses (lat, lon)
  where removed_at is null;
create index alert_subscriber_addresses_subscriber on alert_subscriber_addresses (subscriber_id);

-- How to reach a subscriber, in order of preference (1 first). Phones in E.164, e-mail lower case.
-- A contact is used only once confirmed (a code by text or voice, a link by e-mail; imported
-- rows are confirmed by the import). STOP by text stops the contact without removing it.
create table alert_contacts (
  id uuid primary key default gen_random_uuid(),
  subscriber_id uuid not null references alert_subscribers (id),
  channel text not null check (channel in ('sms', 'voice', 'email', 'tty')),
  address text not null,
  preference integer not null check (preference >= 1),
  confirmed_at timestamptz,
  code_hash text,
  code_expires_at timestamptz,
  code_attempts integer not null default 0,
  link_token text unique,
  stopped_at timestamptz,
  removed_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index alert_contacts_one_per_subscriber on alert_contacts (subscriber_id, channel, address)
  where removed_at is null;
create index alert_contacts_address on alert_contacts (address) where removed_at is null;

-- Templates operators compose from: the CAP fields and the text per language.
create table alert_templates (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  notice_category text not null,
  cap_category text not null,
  event text not null,
  urgency text not null,
  severity text not null,
  certainty text not null,
  -- {"en": {"headline", "description", "instruction", "shortText"}, "es": {...}}
  texts jsonb not null,
  created_by uuid references users (id),
  updated_at timestamptz not null default now(),
  retired_at timestamptz
);

-- An alert. status is CAP's (Actual, Exercise, Test: kept apart); msg_type Alert, Update or Cancel
-- (Update and Cancel reference the original). state is the workflow: draft → awaiting_approval
-- (when a second operator must approve) → sending → sent; or discarded / rejected.
create table alerts (
  id uuid primary key default gen_random_uuid(),
  identifier text not null unique,
  status text not null check (status in ('Actual', 'Exercise', 'Test')),
  msg_type text not null check (msg_type in ('Alert', 'Update', 'Cancel')),
  references_alert_id uuid references alerts (id),
  template_id uuid references alert_templates (id),
  notice_category text not null,
  cap_category text not null,
  event text not null,
  urgency text not null,
  severity text not null,
  certainty text not null,
  texts jsonb not null,
  -- [{"mode": "include" | "exclude", "shape": {...}, "label": "..."}]: common/api/alerts.ts.
  areas jsonb not null default '[]',
  channels text[] not null,
  expires_at timestamptz,
  state text not null default 'draft'
    check (state in ('draft', 'awaiting_approval', 'sending', 'sent', 'discarded', 'rejected')),
  approval_required boolean not null default false,
  exclude_confirmed boolean not null default false,
  created_by uuid not null references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_by uuid references users (id),
  submitted_at timestamptz,
  approved_by uuid references users (id),
  approved_at timestamptz,
  rejected_reason text,
  -- CAP <sent>: when the alert was released for delivery.
  sent_at timestamptz,
  recipient_count integer,
  estimate_seconds integer,
  check ((msg_type = 'Alert') = (references_alert_id is null))
);
create index alerts_recent on alerts (created_at desc);

create table alert_identifier_counters (
  year integer primary key,
  last_number integer not null
);

-- One delivery per alert and contact (so per alert, recipient and channel): the unique index is
-- what makes queueing idempotent. exchange: the phone number's NPA-NXX, for its throttle.
create table alert_deliveries (
  id uuid primary key default gen_random_uuid(),
  alert_id uuid not null references alerts (id),
  subscriber_id uuid not null references alert_subscribers (id),
  contact_id uuid not null references alert_contacts (id),
  channel text not null check (channel in ('sms', 'voice', 'email', 'tty')),
  address text not null,
  language text not null,
  exchange text,
  status text not null default 'queued'
    check (status in ('queued', 'sending', 'sent', 'delivered', 'failed')),
  attempts integer not null default 0,
  queued_at timestamptz not null default now(),
  first_attempt_at timestamptz,
  last_attempt_at timestamptz,
  sent_at timestamptz,
  delivered_at timestamptz,
  failed_at timestamptz,
  provider_id text,
  last_error text
);
create unique index alert_deliveries_once on alert_deliveries (alert_id, contact_id);
create index alert_deliveries_alert_status on alert_deliveries (alert_id, status);
create index alert_deliveries_provider on alert_deliveries (provider_id) where provider_id is not null;

-- The one node that runs the throttled senders holds this lease and renews it.
create table alert_delivery_lease (
  name text primary key,
  holder text not null,
  expires_at timestamptz not null
);
