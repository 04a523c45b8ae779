import { Migration } from '@mikro-orm/migrations';

/**
 * The coverage figures of the daily readiness snapshot, one row per
 * municipality and date, written once (common/readiness-days.ts), with the
 * date's coverage per parent cell (readiness-history/coverage-day.ts); the
 * parent cells of a grid are kept once, in readiness_grid.
 */
export class MigrationReadinessHistory0001Day extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table incidents.readiness_grid (
        -- A digest of resolution, cells and children: the same grid is stored once, whoever writes it first.
        id text primary key,
        resolution smallint not null,
        cells text[] not null,
        -- Computed cells in each parent, one byte per cell.
        children bytea not null
      )`);
    this.addSql(`
      create table incidents.readiness_day (
        municipality_id uuid not null,
        date date not null,
        taken_at timestamptz not null,
        computed_resolution smallint not null,
        minimum_volunteers smallint not null,
        population integer,
        computed_cells integer not null,
        day_covered_share double precision not null,
        night_covered_share double precision not null,
        grid_id text not null references incidents.readiness_grid (id),
        -- Per parent cell of the grid, one byte each: covered hours of its children in the date's day and night hours.
        cell_day_hours bytea not null,
        cell_night_hours bytea not null,
        primary key (municipality_id, date)
      )`);
  }
}
