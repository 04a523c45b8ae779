import { Migration } from '@mikro-orm/migrations';

/**
 * A working group can be closed: kept for its history with who closed it,
 * when and why. The municipalities it covered are then free for a new group,
 * so "one working group per municipality" holds for open groups only.
 */
export class Migration0009WorkingGroupClosing extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table organization.working_group
        add column closed_at timestamptz,
        add column closed_by text,
        add column close_reason text,
        add constraint working_group_close_recorded check (
          (closed_at is null) = (closed_by is null)
          and (closed_at is null) = (close_reason is null))`);
    // The group's closing, copied onto the rows of its municipalities so that the uniqueness below can see it.
    this.addSql('alter table organization.working_group_municipality add column closed_at timestamptz');
    this.addSql('alter table organization.working_group_municipality drop constraint working_group_municipality_municipality_id_key');
    this.addSql(`
      create unique index working_group_municipality_open_idx
        on organization.working_group_municipality (municipality_id) where closed_at is null`);
  }
}
