import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export enum PlanTaskStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

/** Statuses of tasks still to be done, which can be overdue. */
export const UNFINISHED_STATUSES = [PlanTaskStatus.OPEN, PlanTaskStatus.IN_PROGRESS];

/**
 * A task of a working group's implementation plan (table
 * `organization.plan_task`): each member implements the part that concerns
 * their own organisation.
 */
@Entity({ tableName: 'plan_task' })
export class PlanTask {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  workingGroupId!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  /** A member of the same working group. */
  @Property({ type: 'uuid' })
  responsibleMemberId!: string;

  /** The organisation that carries the task out (by default the responsible member's). */
  @Property({ type: 'text' })
  organisation!: string;

  /** YYYY-MM-DD. */
  @Property({ type: 'date' })
  dueDate!: string;

  @Enum({ items: () => PlanTaskStatus, nativeEnumName: 'plan_task_status' })
  status: Opt<PlanTaskStatus> = PlanTaskStatus.OPEN;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}
