import { Migration } from '@mikro-orm/migrations';
import { earthPointSql } from '../../../common/earth.ts';

/**
 * The AED registry: where and how to reach an AED, its cabinet, owner and
 * guardians, schedule and readiness; its uses at incidents; notifications to
 * guardians; and the index the nearest-dispatchable search runs on.
 */
export class Migration0002AedRegistry extends Migration {
  override async up(): Promise<void> {
    // Two subgraphs may create `cube` while starting side by side; the lock makes the second wait and find it.
    this.addSql(`select pg_advisory_xact_lock(hashtext('create extension cube'))`);
    this.addSql('create extension if not exists cube with schema public');
    this.addSql(`
      do $$
      begin
        if (select extnamespace::regnamespace::text from pg_catalog.pg_extension where extname = 'cube') <> 'public' then
          raise exception 'extension cube is installed outside schema public, where aeds.aed expects it'
            using hint = 'alter extension cube set schema public';
        end if;
      end
      $$`);

    // Rows registered before this migration are the Dutch demo AEDs: Amsterdam time and NL holidays.
    this.addSql(`
      alter table aeds.aed
        add column address text,
        add column indoor boolean,
        add column floor text,
        add column access text constraint aed_access check (access in ('PUBLIC', 'RESTRICTED', 'PRIVATE')),
        add column cabinet_locked boolean not null default false,
        add column cabinet_code text,
        add column owner_name text,
        add column owner_email text,
        add column owner_phone text,
        add column brand text,
        add column model text,
        add column serial_number text,
        add column reference text,
        add column external_id text constraint aed_external_id_unique unique,
        add column time_zone text not null default 'Europe/Amsterdam',
        add column country_code text not null default 'NL' constraint aed_country_code check (country_code ~ '^[A-Z]{2}$'),
        add column availability_schedule text,
        add column battery_expires_on date,
        add column pads_expire_on date,
        add column last_checked_on date,
        add column operational boolean not null default true,
        add column stood_down_at timestamptz,
        add column stood_down_incident_id uuid,
        add column updated_at timestamptz not null default now(),
        add column earth_position public.cube generated always as (${earthPointSql('latitude', 'longitude')}) stored,
        add constraint aed_cabinet_code check (cabinet_code is null or cabinet_locked),
        -- An unknown zone name makes this raise, so a typo cannot silently shift an AED's hours.
        add constraint aed_time_zone check ((timestamptz '2000-01-01 00:00Z' at time zone time_zone) is not null)`);
    this.addSql('alter table aeds.aed alter column time_zone drop default, alter column country_code drop default');

    // Only what never changes with the clock is in the predicate; expiry and checks are filtered at the search's instant.
    this.addSql(`
      create index aed_dispatchable_gist on aeds.aed using gist (earth_position)
      where operational
        and stood_down_at is null
        and availability_schedule is not null
        and access is distinct from 'PRIVATE'
        and not (cabinet_locked and cabinet_code is null)`);

    this.addSql(`
      create table aeds.aed_guardian (
        id uuid primary key,
        aed_id uuid not null references aeds.aed (id) on delete cascade,
        name text not null,
        email text,
        phone text,
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index aed_guardian_aed_idx on aeds.aed_guardian (aed_id)');

    // One row per (AED, incident): what makes standing down after use idempotent.
    this.addSql(`
      create table aeds.aed_use (
        aed_id uuid not null references aeds.aed (id) on delete cascade,
        incident_id uuid not null,
        used_at timestamptz not null default now(),
        confirmed_ready_at timestamptz,
        primary key (aed_id, incident_id)
      )`);

    this.addSql(`
      create table aeds.aed_notification (
        id uuid primary key,
        sequence bigint generated always as identity unique,
        aed_id uuid not null references aeds.aed (id) on delete cascade,
        kind text not null constraint aed_notification_kind check (kind in ('USED_AT_INCIDENT', 'BATTERY_EXPIRY', 'PADS_EXPIRY', 'GUARDIAN_CHECK')),
        incident_id uuid,
        due_on date,
        overdue boolean not null default false,
        message text not null,
        recipients jsonb not null default '[]',
        created_at timestamptz not null default now(),
        -- Each use and each reminder (ahead of the date, and once overdue) is told once, whichever instance sends it.
        constraint aed_notification_once unique nulls not distinct (aed_id, kind, incident_id, due_on, overdue)
      )`);
    this.addSql('create index aed_notification_aed_sequence_idx on aeds.aed_notification (aed_id, sequence)');
  }
}
