import { Migration } from '@mikro-orm/migrations';

/**
 * The AEDs' figures of the daily readiness snapshot, one row per
 * municipality and date, written once (common/readiness-days.ts).
 */
export class MigrationReadinessHistory0001Day extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table aeds.readiness_day (
        municipality_id uuid not null,
        date date not null,
        taken_at timestamptz not null,
        aed_count integer not null,
        dispatchable_by_day integer not null,
        dispatchable_at_night integer not null,
        twenty_four_seven_count integer not null,
        primary key (municipality_id, date)
      )`);
  }
}
