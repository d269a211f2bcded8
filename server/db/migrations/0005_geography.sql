-- Geography: the layers an NG911 GIS keeps (NENA NG911 GIS data model; the field mapping is in
-- docs/geography.md). Streets are stored in their normal form (directions N, SW; types ST, AVE:
-- common/domain/address.ts). Geometry is plain, because PostGIS exists only on a server: points
-- as lat/lon, lines and areas as GeoJSON coordinates in jsonb. The platform builds its own
-- in-memory indexes from these tables and rebuilds them when a layer's version changes.

create table address_points (
  id bigserial primary key,
  source_id text,
  house_number integer not null,
  house_number_suffix text,
  pre_direction text,
  street_name text not null,
  street_type text,
  post_direction text,
  unit text,
  town text not null,
  postal_code text,
  state text not null default 'MA',
  lat double precision not null,
  lon double precision not null
);

-- Road centerlines. one_way as NENA's OneWay: B both ways, FT only from the first point to the
-- last, TF only from the last to the first. Address ranges may be missing (ramps, alleys).
create table road_segments (
  id bigserial primary key,
  source_id text,
  pre_direction text,
  street_name text not null,
  street_type text,
  post_direction text,
  from_left integer,
  to_left integer,
  from_right integer,
  to_right integer,
  town_left text,
  town_right text,
  one_way text not null default 'B' check (one_way in ('B', 'FT', 'TF')),
  speed_mph real not null check (speed_mph > 0 and speed_mph <= 85),
  road_class text,
  coordinates jsonb not null
);

-- MSAG: the valid house number ranges of each street in each town. parity O odd, E even, B both.
create table msag_ranges (
  id bigserial primary key,
  pre_direction text,
  street_name text not null,
  street_type text,
  post_direction text,
  town text not null,
  low integer not null,
  high integer not null check (high >= low),
  parity text not null default 'B' check (parity in ('O', 'E', 'B')),
  esn text
);

-- Town (jurisdiction) boundaries: GeoJSON Polygon or MultiPolygon coordinates.
create table jurisdictions (
  id bigserial primary key,
  town text not null unique,
  state text not null default 'MA',
  geometry_type text not null check (geometry_type in ('Polygon', 'MultiPolygon')),
  coordinates jsonb not null
);

-- First-due response zones: the station whose units are first due in an area, per discipline.
create table response_zones (
  id bigserial primary key,
  station_code text not null,
  discipline text not null check (discipline in ('fire', 'police', 'ems')),
  geometry_type text not null check (geometry_type in ('Polygon', 'MultiPolygon')),
  coordinates jsonb not null
);

-- Common place names ("City Hall", "Union Station"), each at an address and a point.
create table place_names (
  id bigserial primary key,
  name text not null,
  house_number integer,
  pre_direction text,
  street_name text,
  street_type text,
  post_direction text,
  town text not null,
  lat double precision not null,
  lon double precision not null
);

-- One row per layer: the version goes up with each import, so every node rebuilds its indexes.
create table geography_layers (
  layer text primary key check (layer in ('address_points', 'road_segments', 'msag_ranges',
    'jurisdictions', 'response_zones', 'place_names')),
  version integer not null,
  imported_at timestamptz not null,
  source_file text not null,
  rows_imported integer not null,
  rows_rejected integer not null
);

-- What the verified location decided: the first-due station of the incident's discipline.
alter table incidents add column first_due_station_code text;
