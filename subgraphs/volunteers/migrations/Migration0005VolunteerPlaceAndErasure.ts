import { Migration } from '@mikro-orm/migrations';

/**
 * A home accepted outside its municipality's boundary records why, who and
 * when (common/place.ts); an erased account records who erased it (the
 * volunteer themselves, or a coordinator on their request).
 */
export class Migration0005VolunteerPlaceAndErasure extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table volunteers.volunteer
        add column home_outside_reason text,
        add column home_outside_by text,
        add column home_outside_at timestamptz,
        add column home_outside_meters integer,
        add column deleted_by text,
        add constraint volunteer_home_outside_recorded check (
          (home_outside_reason is null) = (home_outside_by is null)
          and (home_outside_reason is null) = (home_outside_at is null)
          and (home_outside_reason is null) = (home_outside_meters is null))`);
  }
}
