import { Migration } from '@mikro-orm/migrations';

/** Partner associations, the municipalities they joined, and their API clients. */
export class Migration0007PartnerAssociation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table organization.partner_association (
        id uuid primary key,
        name text not null check (name <> ''),
        created_at timestamptz not null default now()
      )`);
    this.addSql('create unique index partner_association_name_idx on organization.partner_association (lower(name))');
    this.addSql(`
      create table organization.partner_municipality (
        partner_association_id uuid not null references organization.partner_association (id),
        municipality_id uuid not null references organization.municipality (id),
        joined_on date not null,
        primary key (partner_association_id, municipality_id)
      )`);
    this.addSql(`
      create table organization.api_client (
        id uuid primary key,
        partner_association_id uuid not null references organization.partner_association (id),
        name text not null check (name <> ''),
        permissions text[] not null check (cardinality(permissions) > 0 and permissions <@ array['STATISTICS', 'ALERTS']),
        secret_hash text not null,
        created_by text not null,
        created_at timestamptz not null default now(),
        secret_rotated_at timestamptz not null default now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    this.addSql('create index api_client_partner_idx on organization.api_client (partner_association_id)');
  }
}
