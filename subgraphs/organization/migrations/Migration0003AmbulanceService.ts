import { Migration } from '@mikro-orm/migrations';

/** Ambulance services, their dispatch centres and the regions they serve. */
export class Migration0003AmbulanceService extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table organization.ambulance_service (
        id uuid primary key,
        name text not null check (name <> ''),
        code text not null unique,
        dispatch_centre text not null check (dispatch_centre <> ''),
        created_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table organization.ambulance_service_region (
        ambulance_service_id uuid not null references organization.ambulance_service (id),
        region_id uuid not null references organization.security_region (id),
        primary key (ambulance_service_id, region_id)
      )`);
    this.addSql('create index ambulance_service_region_region_idx on organization.ambulance_service_region (region_id)');
  }
}
