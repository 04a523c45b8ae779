import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** What a member does in their working group. */
export enum WorkingGroupRole {
  CHAIR = 'CHAIR',
  GROUP_LEADER = 'GROUP_LEADER',
  ADMIN_SUPPORT = 'ADMIN_SUPPORT',
  VOLUNTEER = 'VOLUNTEER',
  POLICY_OFFICER = 'POLICY_OFFICER',
}

/**
 * A person's membership of a working group, from `since` until `until`
 * (inclusive; open-ended when null), table `organization.working_group_member`.
 */
@Entity({ tableName: 'working_group_member' })
export class WorkingGroupMember {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  workingGroupId!: string;

  /** The person's subject at the identity provider (the `sub` of their token). */
  @Property({ type: 'text' })
  userSubject!: string;

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: () => WorkingGroupRole, nativeEnumName: 'working_group_role' })
  role!: WorkingGroupRole;

  /** The organisation the member comes from and implements their part of the plan for. */
  @Property({ type: 'text' })
  organisation!: string;

  /** Their volunteer record (volunteers subgraph), when they are also a volunteer. */
  @Property({ type: 'uuid', nullable: true })
  volunteerId?: string | null;

  /** First day of membership (YYYY-MM-DD). */
  @Property({ type: 'date' })
  since!: string;

  /** Last day of membership (YYYY-MM-DD), or null while it lasts. */
  @Property({ type: 'date', nullable: true })
  until?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
