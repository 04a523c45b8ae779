import { Migration } from '@mikro-orm/migrations';

/** Alerts to volunteers and the volunteers' alert feed. */
export class Migration0001Alert extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type incidents.alert_kind as enum ('TEST', 'INCIDENT')`);
    this.addSql(`create type incidents.alert_task as enum ('CPR', 'FETCH_AED')`);
    this.addSql(`create type incidents.alert_status as enum ('PENDING', 'ACCEPTED', 'DECLINED', 'ON_SCENE', 'STOOD_DOWN')`);
    this.addSql(`create type incidents.stand_down_reason as enum ('ENOUGH_RESPONDERS', 'INCIDENT_CLOSED', 'INCIDENT_CANCELLED')`);
    this.addSql(`create type incidents.alert_update_kind as enum ('ALERTED', 'RESPONSE_RECORDED', 'STOOD_DOWN', 'INCIDENT_CLOSED')`);
    this.addSql(`
      create table incidents.alert (
        id uuid primary key,
        incident_id uuid,
        volunteer_id uuid not null,
        kind incidents.alert_kind not null,
        status incidents.alert_status not null default 'PENDING',
        stand_down_reason incidents.stand_down_reason,
        task incidents.alert_task,
        aed_id uuid,
        cabinet_code text,
        message text not null,
        phone text,
        municipality_id uuid,
        association_ids uuid[] not null default '{}',
        position_kind text,
        rank integer,
        direct_distance_meters integer,
        distance_meters integer,
        eta_seconds integer,
        route jsonb,
        created_at timestamptz not null default now(),
        responded_at timestamptz,
        accepted_at timestamptz,
        on_scene_at timestamptz,
        stood_down_at timestamptz,
        -- Whether the next nearest volunteer was looked for after this alert was declined (at most once).
        replacement_sought boolean not null default false,
        -- An Incident's alert always has a task, and a FETCH_AED alert always an AED.
        constraint alert_incident_has_task check (kind = 'TEST' or (incident_id is not null and task is not null and municipality_id is not null)),
        constraint alert_fetch_has_aed check (task is distinct from 'FETCH_AED' or aed_id is not null),
        -- The last line of defence against alerting anyone twice for one Incident.
        constraint alert_once_per_volunteer unique (incident_id, volunteer_id)
      )`);
    this.addSql('create index alert_volunteer_idx on incidents.alert (volunteer_id)');
    this.addSql(`create index alert_phone_idx on incidents.alert (phone, created_at) where phone is not null`);
    this.addSql(`create index alert_active_aed_idx on incidents.alert (aed_id) where task = 'FETCH_AED' and status in ('PENDING', 'ACCEPTED', 'ON_SCENE')`);
    this.addSql(`
      create table incidents.alert_update (
        sequence bigint generated always as identity primary key,
        alert_id uuid not null references incidents.alert (id),
        volunteer_id uuid not null,
        kind incidents.alert_update_kind not null,
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index alert_update_volunteer_sequence_idx on incidents.alert_update (volunteer_id, sequence)');
    this.addSql('create index alert_update_alert_idx on incidents.alert_update (alert_id)');
  }
}
