import { Migration } from '@mikro-orm/migrations';

/**
 * The volunteers' figures of the daily readiness snapshot, one row per
 * municipality and date, written once (common/readiness-days.ts).
 */
export class MigrationReadinessHistory0001Day extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table volunteers.readiness_day (
        municipality_id uuid not null,
        date date not null,
        taken_at timestamptz not null,
        volunteer_count integer not null,
        alertable_by_day integer not null,
        alertable_at_night integer not null,
        lapsing_within_three_months integer not null,
        primary key (municipality_id, date)
      )`);
  }
}
