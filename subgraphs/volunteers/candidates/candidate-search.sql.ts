/**
 * DDL of the searchable positions of volunteers (`volunteers.candidate_position`).
 *
 * ## Layout
 * One row per volunteer per position kind: HOME, WORK (with its weekly
 * hours) and CURRENT (the last reported phone position, ignored 72 h after
 * its report and purged then). Each row carries a denormalised copy of the
 * volunteer's eligibility inputs, so the search never joins: active, on
 * duty, date of birth, latest verified certificate valid-until, the region's
 * grace days, quiet hours and the municipality's time zone. None of these
 * copies depends on the clock; every time-dependent part of the rule (age,
 * expiry, quiet hours, work hours, staleness) is evaluated in the query at
 * the alert's instant, in each row's own time zone. So nothing must be
 * refreshed as time passes, only when a volunteer's data changes.
 *
 * ## Geometry without PostGIS
 * A position is stored as a 3-D point on a sphere (earth-centred
 * coordinates, metres) in a `cube`. Straight-line (chord) distance between
 * such points grows strictly with great-circle distance, so the GiST index
 * of `cube` serves both the search box (`<@ cube_enlarge(centre, chord, 3)`,
 * an index condition that ends the scan at the radius) and nearest-first
 * order (`<->`, KNN), exactly, anywhere on earth. The same sphere as
 * `earthdistance`'s is used in spirit, but its `ll_to_earth` is not:
 * in PostgreSQL 15 (earthdistance 1.1) its SQL body calls `cube()` and
 * `earth()` unqualified, so index expressions built on it break under a
 * search_path without the extension's schema (dump/restore, ORMs that set
 * search_path). Only the `cube` extension is needed.
 *
 * ## Extension schema
 * Extensions belong to a database and live in one schema. `cube` is created
 * in `public` (shared by every subgraph; the volunteers schema can then be
 * dropped without taking the extension with it) and every use is
 * schema-qualified (`public.cube`, `OPERATOR(public.<->)`), so no
 * search_path is assumed. When `cube` is already installed elsewhere the DDL
 * stops with a clear error instead of failing later. `cube` is a trusted
 * extension: a database owner without superuser rights may create it.
 *
 * ## Index
 * A partial GiST index over the positions of active, on-duty volunteers:
 * the search asks only for those, and off-duty or suspended rows never enter
 * the scan. A B-tree over CURRENT rows' `updated_at` serves the purge.
 */
import { earthPointSql } from '../../../common/earth.ts';

/** Minutes in a week: WORK positions' weekly hours are ranges of minutes since Monday 00:00 local. */
export const MINUTES_PER_WEEK = 7 * 24 * 60;

/** Idempotent DDL: the `cube` extension in `public`, the `volunteers` schema, the table and its indexes. */
export const CANDIDATE_POSITION_DDL = `
create extension if not exists cube with schema public;

do $$
declare
  installed_in text := (select extnamespace::regnamespace::text from pg_catalog.pg_extension where extname = 'cube');
begin
  if installed_in <> 'public' then
    raise exception 'extension cube is installed in schema %, but volunteers.candidate_position expects it in public',
      installed_in
      using hint = 'alter extension cube set schema public';
  end if;
end
$$;

create schema if not exists volunteers;

create table if not exists volunteers.candidate_position (
  volunteer_id uuid not null,
  kind text not null constraint candidate_position_kind check (kind in ('HOME', 'WORK', 'CURRENT')),
  lat double precision not null constraint candidate_position_lat check (lat between -90 and 90),
  lon double precision not null constraint candidate_position_lon check (lon between -180 and 180),
  earth_position public.cube generated always as (${earthPointSql('lat', 'lon')}) stored,
  -- WORK only: when the volunteer is at work, as minutes since Monday 00:00 local, e.g. {[480,1020),[1920,2460)}.
  weekly_hours int4multirange,
  -- CURRENT: time of the last reported position; HOME and WORK: last change.
  updated_at timestamptz not null default now(),
  -- Denormalised eligibility inputs, the same on every row of a volunteer.
  time_zone text not null,
  active boolean not null,
  on_duty boolean not null,
  date_of_birth date not null,
  certificate_valid_until date,
  certificate_grace_days smallint not null default 0,
  quiet_hours_start time,
  quiet_hours_end time,
  primary key (volunteer_id, kind),
  constraint candidate_position_weekly_hours check (
    (kind = 'WORK') = (weekly_hours is not null)
    and (weekly_hours is null or weekly_hours <@ '{[0,${MINUTES_PER_WEEK})}'::int4multirange)
  ),
  constraint candidate_position_quiet_hours check ((quiet_hours_start is null) = (quiet_hours_end is null)),
  constraint candidate_position_grace check (certificate_grace_days >= 0),
  -- An unknown zone name makes this raise, so a typo cannot silently disable a volunteer.
  constraint candidate_position_time_zone check ((timestamptz '2000-01-01 00:00Z' at time zone time_zone) is not null)
);

create index if not exists candidate_position_alertable_gist
  on volunteers.candidate_position using gist (earth_position)
  where active and on_duty;

create index if not exists candidate_position_current_updated_at
  on volunteers.candidate_position (updated_at)
  where kind = 'CURRENT';
`;

/** Hours after its last report that a CURRENT position is ignored, and then deleted. */
export const CURRENT_POSITION_MAX_AGE_HOURS = 72;

/** Deletes CURRENT positions not reported for 72 h; `$1` is the instant to count from (timestamptz). */
export const PURGE_STALE_CURRENT_POSITIONS_SQL = `
delete from volunteers.candidate_position
where kind = 'CURRENT' and updated_at <= $1::timestamptz - interval '${CURRENT_POSITION_MAX_AGE_HOURS} hours'`;
