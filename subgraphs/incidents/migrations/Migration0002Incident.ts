import { Migration } from '@mikro-orm/migrations';

/** Incidents, their timeline, and the regions' versioned dispatch policies. */
export class Migration0002Incident extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table incidents.dispatch_policy (
        security_region_id uuid not null,
        version integer not null check (version >= 1),
        dispatch jsonb not null default '{}',
        aftercare jsonb not null default '{}',
        set_by text not null,
        created_at timestamptz not null default now(),
        primary key (security_region_id, version)
      )`);
    this.addSql(`create type incidents.incident_status as enum ('OPEN', 'CLOSED', 'CANCELLED')`);
    this.addSql(`create type incidents.incident_outcome as enum ('ROSC', 'TRANSPORTED', 'DECEASED', 'NOT_CARDIAC_ARREST', 'UNKNOWN')`);
    this.addSql(`
      create table incidents.incident (
        id uuid primary key,
        ambulance_service_id uuid not null,
        dispatch_reference text not null check (length(dispatch_reference) between 1 and 64),
        security_region_id uuid not null,
        municipality_id uuid not null,
        latitude double precision not null check (latitude between -90 and 90),
        longitude double precision not null check (longitude between -180 and 180),
        address text not null check (length(address) between 1 and 300),
        call_received_at timestamptz not null,
        exclusions text[] not null default '{}'
          check (exclusions <@ array['CHILD_UNDER_8', 'TRAUMA', 'UNSAFE_SCENE', 'CARE_FACILITY']),
        status incidents.incident_status not null default 'OPEN',
        policy_version integer not null check (policy_version >= 0),
        policy jsonb not null,
        dispatched_at timestamptz,
        ambulance_arrived_at timestamptz,
        outcome incidents.incident_outcome,
        closed_at timestamptz,
        cancel_reason text,
        cancelled_at timestamptz,
        reported_by text not null,
        created_at timestamptz not null default now(),
        -- Idempotency of reportIncident: one Incident per dispatch reference of a service.
        constraint incident_reference_unique unique (ambulance_service_id, dispatch_reference),
        constraint incident_closed_has_outcome check ((status = 'CLOSED') = (outcome is not null and closed_at is not null)),
        constraint incident_cancelled_has_reason check ((status = 'CANCELLED') = (cancelled_at is not null))
      )`);
    this.addSql(`create index incident_open_idx on incidents.incident (ambulance_service_id, created_at) where status = 'OPEN'`);
    this.addSql('alter table incidents.alert add constraint alert_incident_fk foreign key (incident_id) references incidents.incident (id)');
    this.addSql(`
      create type incidents.incident_event_kind as enum (
        'REPORTED', 'EXCLUDED', 'DISPATCH_DELAYED', 'ALERTED', 'NOBODY_AVAILABLE', 'ACCEPTED', 'DECLINED', 'ON_SCENE',
        'STOOD_DOWN', 'AMBULANCE_ARRIVED', 'CLOSED', 'CANCELLED', 'AED_STOOD_DOWN'
      )`);
    this.addSql(`
      create table incidents.incident_event (
        sequence bigint generated always as identity primary key,
        incident_id uuid not null references incidents.incident (id),
        kind incidents.incident_event_kind not null,
        alert_id uuid references incidents.alert (id),
        volunteer_id uuid,
        aed_id uuid,
        detail text,
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index incident_event_incident_sequence_idx on incidents.incident_event (incident_id, sequence)');
  }
}
