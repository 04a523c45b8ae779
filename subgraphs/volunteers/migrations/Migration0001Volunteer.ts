import { Migration } from '@mikro-orm/migrations';

/** Volunteers, their consents, training certificates and association memberships, and regions' grace periods. */
export class Migration0001Volunteer extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table volunteers.volunteer (
        id uuid primary key,
        status text not null default 'ACTIVE' constraint volunteer_status check (status in ('ACTIVE', 'SUSPENDED', 'DELETED')),
        account_subject text,
        name text,
        phone text,
        email text,
        date_of_birth date,
        home_street text,
        home_house_number text,
        home_postal_code text,
        home_city text,
        home_latitude double precision constraint volunteer_home_latitude check (home_latitude between -90 and 90),
        home_longitude double precision constraint volunteer_home_longitude check (home_longitude between -180 and 180),
        work_street text,
        work_house_number text,
        work_postal_code text,
        work_city text,
        work_latitude double precision constraint volunteer_work_latitude check (work_latitude between -90 and 90),
        work_longitude double precision constraint volunteer_work_longitude check (work_longitude between -180 and 180),
        work_hours jsonb,
        municipality_id uuid not null,
        time_zone text not null,
        country_code text not null,
        security_region_id uuid,
        on_duty boolean not null default true,
        quiet_hours_start text constraint volunteer_quiet_hours_start check (quiet_hours_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        quiet_hours_end text constraint volunteer_quiet_hours_end check (quiet_hours_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        location_sharing boolean not null default false,
        registered_by text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        deleted_at timestamptz,
        constraint volunteer_quiet_hours check ((quiet_hours_start is null) = (quiet_hours_end is null)),
        constraint volunteer_work check ((work_latitude is null) = (work_longitude is null) and (work_latitude is null) = (work_hours is null)),
        -- Every account but a deleted one has its personal data; a deleted one has none left.
        constraint volunteer_personal_data check (
          case when status = 'DELETED'
            then deleted_at is not null and account_subject is null and name is null and phone is null and email is null
              and date_of_birth is null and home_street is null and home_house_number is null and home_postal_code is null
              and home_city is null and home_latitude is null and home_longitude is null and work_street is null
              and work_house_number is null and work_postal_code is null and work_city is null and work_latitude is null
              and work_longitude is null and work_hours is null
            else name is not null and date_of_birth is not null
              and home_latitude is not null and home_longitude is not null
          end)
      )`);
    // Registration, import and SMS replies find volunteers by phone and e-mail: one account per number and address.
    this.addSql('create unique index volunteer_phone_key on volunteers.volunteer (phone)');
    this.addSql('create unique index volunteer_email_key on volunteers.volunteer (email)');
    this.addSql('create unique index volunteer_account_subject_key on volunteers.volunteer (account_subject)');
    this.addSql('create index volunteer_municipality_idx on volunteers.volunteer (municipality_id, status)');
    this.addSql('create index volunteer_region_idx on volunteers.volunteer (security_region_id)');

    // Foreign keys to the volunteer are checked at commit: the ORM may insert a volunteer's rows in any order within one flush.
    this.addSql(`
      create table volunteers.consent (
        id uuid primary key,
        volunteer_id uuid not null references volunteers.volunteer (id) deferrable initially deferred,
        kind text not null constraint consent_kind check (kind in ('PERSONAL_DATA', 'LOCATION_SHARING')),
        given boolean not null,
        at timestamptz not null,
        recorded_by text not null,
        recorded_at timestamptz not null default now()
      )`);
    this.addSql('create index consent_volunteer_idx on volunteers.consent (volunteer_id, kind, at)');

    this.addSql(`
      create table volunteers.training_certificate (
        id uuid primary key,
        volunteer_id uuid not null references volunteers.volunteer (id) deferrable initially deferred,
        type text not null constraint training_certificate_type check (type in ('CPR', 'CPR_AED', 'BLS', 'PROFESSIONAL')),
        name text,
        provider text,
        course_date date not null,
        valid_until date,
        verified_at timestamptz,
        verified_by text,
        recorded_by text not null,
        created_at timestamptz not null default now(),
        constraint training_certificate_valid_until check (valid_until >= course_date),
        constraint training_certificate_verified check ((verified_at is null) = (verified_by is null))
      )`);
    this.addSql('create index training_certificate_volunteer_idx on volunteers.training_certificate (volunteer_id)');

    this.addSql(`
      create table volunteers.association_membership (
        volunteer_id uuid not null references volunteers.volunteer (id) deferrable initially deferred,
        partner_association_id uuid not null,
        since timestamptz not null default now(),
        primary key (volunteer_id, partner_association_id)
      )`);
    this.addSql('create index association_membership_association_idx on volunteers.association_membership (partner_association_id)');

    this.addSql(`
      create table volunteers.region_policy (
        security_region_id uuid primary key,
        certificate_grace_period_days integer not null
          constraint region_policy_grace check (certificate_grace_period_days between 0 and 365),
        updated_by text not null,
        updated_at timestamptz not null default now()
      )`);
  }
}
