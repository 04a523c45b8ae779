import { randomUUID } from 'node:crypto';
import { PrimaryKeyProp, type Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * The working group that runs the programme for one or more municipalities
 * (table `organization.working_group`).
 */
@Entity({ tableName: 'working_group' })
export class WorkingGroup {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  /** Set when closed: kept for its history, its members' roles grant nothing, it can no longer be changed. */
  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Opt<Date> | null = null;

  @Property({ type: 'text', nullable: true })
  closedBy: Opt<string> | null = null;

  @Property({ type: 'text', nullable: true })
  closeReason: Opt<string> | null = null;
}

/**
 * A municipality a working group covers (table
 * `organization.working_group_municipality`). A municipality has at most one
 * open working group, so "the coordinators of a municipality" is never ambiguous.
 */
@Entity({ tableName: 'working_group_municipality' })
export class WorkingGroupMunicipality {
  [PrimaryKeyProp]?: ['workingGroupId', 'municipalityId'];

  @PrimaryKey({ type: 'uuid' })
  workingGroupId!: string;

  @PrimaryKey({ type: 'uuid' })
  municipalityId!: string;

  /** The group's closing, copied here: only open groups hold a municipality. */
  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Opt<Date> | null = null;
}
