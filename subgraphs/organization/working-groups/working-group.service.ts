/** Rules for working groups, independent of GraphQL. */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound } from '../../../common/errors.ts';
import { parseId } from '../../../common/ids.ts';
import { todayIn } from '../../../common/zoned-time.ts';
import { Municipality } from '../municipalities/municipality.entity.ts';
import { getMunicipalities } from '../municipalities/municipality.service.ts';
import { WorkingGroup, WorkingGroupMunicipality } from './working-group.entity.ts';

export interface NewWorkingGroup {
  name: string;
  municipalityIds: string[];
}

export async function createWorkingGroup(em: EntityManager, input: NewWorkingGroup): Promise<WorkingGroup> {
  const name = input.name.trim();
  if (!name) throw badInput('A working group needs a name.');
  if (input.municipalityIds.length === 0) throw badInput('A working group covers at least one municipality.');
  const municipalities = await getMunicipalities(em, input.municipalityIds);
  const taken = await em.find(WorkingGroupMunicipality, { municipalityId: { $in: municipalities.map((m) => m.id) }, closedAt: null });
  if (taken.length > 0) {
    const names = municipalities.filter((m) => taken.some((row) => row.municipalityId === m.id)).map((m) => m.name);
    throw conflict(`${names.join(', ')} already ${names.length === 1 ? 'has' : 'have'} a working group.`, {
      municipalityIds: taken.map((row) => row.municipalityId),
    });
  }
  return em.transactional(async (tx) => {
    const group = tx.create(WorkingGroup, { name });
    // The rows that point at it are written after it: the ORM does not know these foreign keys.
    await tx.flush();
    for (const municipality of municipalities) tx.create(WorkingGroupMunicipality, { workingGroupId: group.id, municipalityId: municipality.id });
    return group;
  });
}

export async function getWorkingGroup(em: EntityManager, id: string): Promise<WorkingGroup> {
  const group = await em.findOne(WorkingGroup, { id: parseId(id, 'WorkingGroup') });
  if (!group) throw notFound('WorkingGroup', id);
  return group;
}

/** Throws CONFLICT for a closed working group: it is kept for its history, never changed. */
export function requireOpen(group: WorkingGroup): void {
  if (group.closedAt) {
    throw conflict(`The working group ${group.name} was closed on ${group.closedAt.toISOString()}.`, { reason: 'CLOSED', workingGroupId: group.id });
  }
}

/** The working group, which must be open: NOT_FOUND, or CONFLICT when closed. */
export async function getOpenWorkingGroup(em: EntityManager, id: string): Promise<WorkingGroup> {
  const group = await getWorkingGroup(em, id);
  requireOpen(group);
  return group;
}

/** Longest reason for closing a group. */
const MAXIMUM_REASON_LENGTH = 500;

/**
 * Closes a working group for good (merged into another, programme ended):
 * kept with its members, plan and problem reports for the record, but its
 * members' roles grant nothing from now on, it leaves the lists of working
 * groups, and its municipalities are free for a new group. Throws
 * BAD_USER_INPUT without a reason, CONFLICT when already closed.
 */
export async function closeWorkingGroup(em: EntityManager, group: WorkingGroup, reason: string, by: string, now = new Date()): Promise<WorkingGroup> {
  const text = reason.replace(/\s+/g, ' ').trim();
  if (text === '') throw badInput('reason must not be empty: say why the working group is closed.', { field: 'reason' });
  if (text.length > MAXIMUM_REASON_LENGTH) throw badInput(`reason is longer than ${MAXIMUM_REASON_LENGTH} characters.`, { field: 'reason' });
  requireOpen(group);
  return em.transactional(async (tx) => {
    // Locks the row, so two closings at once cannot both record theirs.
    const current = await tx.findOneOrFail(WorkingGroup, { id: group.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    requireOpen(current);
    tx.assign(current, { closedAt: now, closedBy: by, closeReason: text });
    await tx.flush();
    await tx.nativeUpdate(WorkingGroupMunicipality, { workingGroupId: current.id }, { closedAt: now });
    return current;
  });
}

/** Of these working groups, the ids of those closed. */
export async function closedAmong(em: EntityManager, workingGroupIds: string[]): Promise<Set<string>> {
  if (workingGroupIds.length === 0) return new Set();
  const closed = await em.find(WorkingGroup, { id: { $in: workingGroupIds }, closedAt: { $ne: null } }, { fields: ['id'] });
  return new Set(closed.map((group) => group.id));
}

/**
 * Today for each working group: the day its due dates are measured against,
 * in the time zone of its municipalities (they share one in practice; the
 * lowest code decides otherwise), UTC for a group without any. Two queries for any number of groups.
 */
export async function todaysOf(em: EntityManager, workingGroupIds: string[]): Promise<Map<string, string>> {
  const rows = workingGroupIds.length ? await em.find(WorkingGroupMunicipality, { workingGroupId: { $in: workingGroupIds } }) : [];
  const municipalities = rows.length ? await em.find(Municipality, { id: { $in: rows.map((row) => row.municipalityId) } }, { orderBy: { code: 'asc' } }) : [];
  const today = new Map<string, string>();
  for (const workingGroupId of workingGroupIds) {
    const covered = new Set(rows.filter((row) => row.workingGroupId === workingGroupId).map((row) => row.municipalityId));
    today.set(workingGroupId, todayIn(municipalities.find((municipality) => covered.has(municipality.id))?.timeZone ?? 'UTC'));
  }
  return today;
}
