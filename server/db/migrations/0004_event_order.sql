-- A command's events take an order key no lower than the latest event of every record they
-- concern (see server/events/event-log.ts). An event may concern a second record besides its
-- stream's (a unit dispatched, on the incident's stream); both indexes answer "latest key".
alter table events add column related_stream text;
create index events_by_stream_tx on events (stream, tx);
create index events_by_related_stream_tx on events (related_stream, tx)
  where related_stream is not null;
