import { Migration } from '@mikro-orm/migrations';

/**
 * The municipality settings copied onto volunteers, in order within each
 * municipality (registered volunteers only): the hourly refresh
 * (organization/municipality-sync.ts) proves a municipality's copies current
 * from the first and last entry of its range, where it read the whole
 * register every hour.
 */
export class Migration0008VolunteerSettingsIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create index volunteer_municipality_settings_idx on volunteers.volunteer (municipality_id, time_zone, country_code, security_region_id)
        where status <> 'DELETED'`);
  }
}
