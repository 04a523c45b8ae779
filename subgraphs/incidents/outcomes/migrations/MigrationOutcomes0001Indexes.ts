import { Migration } from '@mikro-orm/migrations';

/**
 * Outcome statistics read a scope's incidents by the time of the call (a
 * region's or municipalities' year), a partner's by its members' alerts, and
 * the start of the kept history as the earliest call.
 */
export class MigrationOutcomes0001Indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index incident_region_call_idx on incidents.incident (security_region_id, call_received_at)');
    this.addSql('create index incident_municipality_call_idx on incidents.incident (municipality_id, call_received_at)');
    this.addSql('create index incident_call_idx on incidents.incident (call_received_at)');
    this.addSql(`create index alert_association_idx on incidents.alert using gin (association_ids) where kind = 'INCIDENT'`);
  }
}
