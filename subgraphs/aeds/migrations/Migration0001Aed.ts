import { Migration } from '@mikro-orm/migrations';

export class Migration0001Aed extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table aeds.aed (
        id uuid primary key,
        latitude double precision not null check (latitude between -90 and 90),
        longitude double precision not null check (longitude between -180 and 180),
        location_description text not null,
        municipality_id uuid not null,
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index aed_municipality_idx on aeds.aed (municipality_id)');
  }
}
