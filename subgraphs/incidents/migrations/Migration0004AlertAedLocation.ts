import { Migration } from '@mikro-orm/migrations';

/**
 * Where the AED of an alert stood when it was sent. The alert frame carries
 * it (`Alert.aed @provides(fields: "location …")`), so a volunteer's app gets
 * the AED's position with the alert instead of after a further round trip to
 * the AEDs subgraph for every frame of a dispatch.
 */
export class Migration0004AlertAedLocation extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table incidents.alert add column aed_latitude double precision, add column aed_longitude double precision');
    // A FETCH_AED route's first leg ends at the AED.
    this.addSql(`
      update incidents.alert
      set aed_latitude = (route -> 0 -> 'to' ->> 'lat')::double precision, aed_longitude = (route -> 0 -> 'to' ->> 'lon')::double precision
      where task = 'FETCH_AED' and route is not null`);
    this.addSql(`alter table incidents.alert add constraint alert_aed_location_complete check ((aed_latitude is null) = (aed_longitude is null))`);
  }
}
