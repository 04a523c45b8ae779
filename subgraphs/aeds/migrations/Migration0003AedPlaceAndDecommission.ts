import { Migration } from '@mikro-orm/migrations';

/**
 * An AED accepted outside its municipality's boundary records why, who and
 * when (common/place.ts); a decommissioned AED is kept for its history,
 * with who took it out of service, when and why.
 */
export class Migration0003AedPlaceAndDecommission extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table aeds.aed
        add column location_outside_reason text,
        add column location_outside_by text,
        add column location_outside_at timestamptz,
        add column location_outside_meters integer,
        add column decommissioned_at timestamptz,
        add column decommissioned_by text,
        add column decommission_reason text,
        add constraint aed_location_outside_recorded check (
          (location_outside_reason is null) = (location_outside_by is null)
          and (location_outside_reason is null) = (location_outside_at is null)
          and (location_outside_reason is null) = (location_outside_meters is null)),
        add constraint aed_decommission_recorded check (
          (decommissioned_at is null) = (decommissioned_by is null)
          and (decommissioned_at is null) = (decommission_reason is null))`);
  }
}
