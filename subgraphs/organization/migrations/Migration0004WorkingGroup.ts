import { Migration } from '@mikro-orm/migrations';

/** Working groups, the municipalities they cover, and their members. */
export class Migration0004WorkingGroup extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table organization.working_group (
        id uuid primary key,
        name text not null check (name <> ''),
        created_at timestamptz not null default now()
      )`);
    // One working group per municipality: its coordinators are never ambiguous.
    this.addSql(`
      create table organization.working_group_municipality (
        working_group_id uuid not null references organization.working_group (id),
        municipality_id uuid not null unique references organization.municipality (id),
        primary key (working_group_id, municipality_id)
      )`);
    this.addSql(`create type organization.working_group_role as enum ('CHAIR', 'GROUP_LEADER', 'ADMIN_SUPPORT', 'VOLUNTEER', 'POLICY_OFFICER')`);
    this.addSql(`
      create table organization.working_group_member (
        id uuid primary key,
        working_group_id uuid not null references organization.working_group (id),
        user_subject text not null check (user_subject <> ''),
        name text not null check (name <> ''),
        role organization.working_group_role not null,
        organisation text not null check (organisation <> ''),
        volunteer_id uuid,
        since date not null,
        until date,
        created_at timestamptz not null default now(),
        check (until is null or until >= since)
      )`);
    // The service refuses overlapping memberships; this backs it up against concurrent adds.
    this.addSql(`
      create unique index working_group_member_current_idx
        on organization.working_group_member (working_group_id, user_subject) where until is null`);
    // The gateway looks members up by subject on every new token.
    this.addSql('create index working_group_member_subject_idx on organization.working_group_member (user_subject)');
  }
}
