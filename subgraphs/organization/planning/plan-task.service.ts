/** The implementation plan: rules for its tasks, independent of GraphQL. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '../../../common/errors.ts';
import { parseId } from '../../../common/ids.ts';
import { isCurrent, requireLocalDate, todayIn } from '../../../common/zoned-time.ts';
import { PlanTask, PlanTaskStatus, UNFINISHED_STATUSES } from './plan-task.entity.ts';
import { getMember } from '../working-groups/working-group-member.service.ts';
import type { WorkingGroupMember } from '../working-groups/working-group-member.entity.ts';
import { getOpenWorkingGroup, todaysOf } from '../working-groups/working-group.service.ts';

export interface NewPlanTask {
  workingGroupId: string;
  title: string;
  description?: string | null;
  responsibleMemberId: string;
  organisation?: string | null;
  dueDate: string;
}

/** Changes to a task: an absent field stays as it is. */
export interface PlanTaskChanges {
  title?: string;
  description?: string | null;
  responsibleMemberId?: string;
  organisation?: string;
  dueDate?: string;
  status?: PlanTaskStatus;
}

/** The responsible member must belong to the task's own working group, and still be a member. */
async function responsibleMember(em: EntityManager, workingGroupId: string, memberId: string): Promise<WorkingGroupMember> {
  const member = await getMember(em, memberId);
  if (member.workingGroupId !== workingGroupId || !isCurrent(member, todayIn())) {
    throw badInput(`${member.name} is not a current member of this working group, so cannot be responsible for its tasks.`, {
      field: 'responsibleMemberId',
    });
  }
  return member;
}

function checkTitle(value: string): string {
  const title = value.trim();
  if (!title) throw badInput('A task needs a title.');
  return title;
}

export async function createPlanTask(em: EntityManager, input: NewPlanTask): Promise<PlanTask> {
  const group = await getOpenWorkingGroup(em, input.workingGroupId);
  const title = checkTitle(input.title);
  const dueDate = requireLocalDate(input.dueDate, 'dueDate');
  const member = await responsibleMember(em, group.id, input.responsibleMemberId);
  const organisation = input.organisation?.trim() || member.organisation;
  const task = em.create(PlanTask, {
    workingGroupId: group.id,
    title,
    description: input.description?.trim() || null,
    responsibleMemberId: member.id,
    organisation,
    dueDate,
  });
  await em.flush();
  return task;
}

export async function updatePlanTask(em: EntityManager, task: PlanTask, changes: PlanTaskChanges): Promise<PlanTask> {
  await getOpenWorkingGroup(em, task.workingGroupId);
  const update: Partial<PlanTask> = { updatedAt: new Date() };
  if (changes.title !== undefined) update.title = checkTitle(changes.title);
  if (changes.description !== undefined) update.description = changes.description?.trim() || null;
  if (changes.organisation !== undefined) {
    update.organisation = changes.organisation.trim();
    if (!update.organisation) throw badInput('A task needs the organisation that carries it out.');
  }
  if (changes.responsibleMemberId !== undefined) {
    update.responsibleMemberId = (await responsibleMember(em, task.workingGroupId, changes.responsibleMemberId)).id;
  }
  if (changes.dueDate !== undefined) update.dueDate = requireLocalDate(changes.dueDate, 'dueDate');
  if (changes.status !== undefined) update.status = changes.status;
  em.assign(task, update);
  await em.flush();
  return task;
}

export async function getPlanTask(em: EntityManager, id: string): Promise<PlanTask> {
  const task = await em.findOne(PlanTask, { id: parseId(id, 'PlanTask') });
  if (!task) throw notFound('PlanTask', id);
  return task;
}

export async function planOf(em: EntityManager, workingGroupId: string, status?: PlanTaskStatus | null): Promise<PlanTask[]> {
  return em.find(PlanTask, { workingGroupId, ...(status ? { status } : {}) }, { orderBy: { dueDate: 'asc', title: 'asc' } });
}

/** Whether a task is past its due date and not done, on `today` (a local date). */
export function isOverdue(task: Pick<PlanTask, 'dueDate' | 'status'>, today: string): boolean {
  return UNFINISHED_STATUSES.includes(task.status) && task.dueDate < today;
}

/**
 * Unfinished tasks of these working groups due before `asOf`, or before today
 * in each group's time zone; the longest overdue first.
 */
export async function overdueTasksOf(em: EntityManager, workingGroupIds: string[], asOf: string | null): Promise<PlanTask[]> {
  if (workingGroupIds.length === 0) return [];
  const today = asOf === null ? await todaysOf(em, workingGroupIds) : new Map(workingGroupIds.map((id) => [id, asOf]));
  const latest = [...today.values()].sort().at(-1)!;
  const candidates = await em.find(
    PlanTask,
    { workingGroupId: { $in: workingGroupIds }, status: { $in: UNFINISHED_STATUSES }, dueDate: { $lt: latest } },
    { orderBy: { dueDate: 'asc', title: 'asc' } },
  );
  return candidates.filter((task) => isOverdue(task, today.get(task.workingGroupId)!));
}
