import { Migration } from '@mikro-orm/migrations';

/**
 * The last computed six-minute coverage and AED placement suggestions per
 * municipality, week, cell resolution and N, with the fingerprint of the
 * inputs they were computed from (coverage/coverage-cache.ts).
 */
export class MigrationReadiness0001Coverage extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table incidents.readiness_coverage (
        municipality_id uuid not null,
        week_starts_on date not null,
        resolution smallint not null,
        minimum_volunteers smallint not null,
        input_fingerprint text not null,
        computed_at timestamptz not null default now(),
        compute_milliseconds integer not null,
        time_zone text not null,
        policy_version integer not null,
        population integer,
        -- H3 cells in index order; the hours of cell i are words i × 6 … i × 6 + 5 of each mask (little-endian).
        cells text[] not null,
        volunteer_hours bytea not null,
        aed_hours bytea not null,
        statistics jsonb not null,
        primary key (municipality_id, week_starts_on, resolution, minimum_volunteers)
      )`);
    this.addSql(`
      create table incidents.readiness_aed_placement (
        municipality_id uuid not null,
        week_starts_on date not null,
        resolution smallint not null,
        minimum_volunteers smallint not null,
        input_fingerprint text not null,
        computed_at timestamptz not null default now(),
        compute_milliseconds integer not null,
        -- How many were asked for: the list may be shorter when nowhere else helps.
        requested integer not null,
        night_covered_share double precision not null,
        suggestions jsonb not null,
        primary key (municipality_id, week_starts_on, resolution, minimum_volunteers)
      )`);
  }
}
