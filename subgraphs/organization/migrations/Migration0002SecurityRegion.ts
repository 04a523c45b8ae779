import { Migration } from '@mikro-orm/migrations';

/** Security regions, and each municipality's region and boundary. */
export class Migration0002SecurityRegion extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table organization.security_region (
        id uuid primary key,
        name text not null check (name <> ''),
        code text not null unique,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`
      alter table organization.municipality
        add column region_id uuid references organization.security_region (id),
        add column boundary jsonb,
        add column min_latitude double precision,
        add column max_latitude double precision,
        add column min_longitude double precision,
        add column max_longitude double precision,
        add constraint municipality_boundary_box_check check (
          (boundary is null) = (min_latitude is null)
          and (boundary is null) = (max_latitude is null)
          and (boundary is null) = (min_longitude is null)
          and (boundary is null) = (max_longitude is null)
        )`);
    this.addSql('create index municipality_region_idx on organization.municipality (region_id)');
  }
}
