/** Rules for working-group members, independent of GraphQL. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound } from '../../../common/errors.ts';
import { isId, parseId } from '../../../common/ids.ts';
import { isCurrent, overlaps, requireLocalDate, todayIn } from '../../../common/zoned-time.ts';
import { WorkingGroupMember, WorkingGroupRole } from './working-group-member.entity.ts';
import { getOpenWorkingGroup } from './working-group.service.ts';

export interface NewMember {
  workingGroupId: string;
  userSubject: string;
  name: string;
  role: WorkingGroupRole;
  organisation: string;
  since?: string | null;
  until?: string | null;
  volunteerId?: string | null;
}

/** Changes to a membership: an absent field stays as it is; `until: null` reopens it. */
export interface MemberChanges {
  name?: string;
  role?: WorkingGroupRole;
  organisation?: string;
  until?: string | null;
}

/**
 * Whether a subject can be a person's. The gateway gives API clients,
 * services and anonymous callers subjects of their own; making one a member
 * would hand an app or a service the member's role.
 */
export function isPersonSubject(subject: string): boolean {
  return !/^(apiclient|service):|^anonymous$/.test(subject);
}

function checkText(value: string, what: string): string {
  const text = value.trim();
  if (!text) throw badInput(`A member needs ${what}.`);
  return text;
}

function checkPeriod(since: string, until: string | null | undefined): void {
  if (until != null && until < since) throw badInput(`A membership cannot end (${until}) before it starts (${since}).`);
}

async function checkNoOverlap(em: EntityManager, member: Pick<WorkingGroupMember, 'workingGroupId' | 'userSubject' | 'since' | 'until'>, except?: string) {
  const others = await em.find(WorkingGroupMember, { workingGroupId: member.workingGroupId, userSubject: member.userSubject });
  const clash = others.find((other) => other.id !== except && overlaps(other, member));
  if (clash) {
    throw conflict(`${member.userSubject} is already a member of this working group (${clash.role}, since ${clash.since}).`, {
      memberId: clash.id,
    });
  }
}

export async function addMember(em: EntityManager, input: NewMember): Promise<WorkingGroupMember> {
  const group = await getOpenWorkingGroup(em, input.workingGroupId);
  const userSubject = checkText(input.userSubject, 'a user subject');
  if (!isPersonSubject(userSubject)) throw badInput(`"${userSubject}" is not a person's subject.`);
  const name = checkText(input.name, 'a name');
  const organisation = checkText(input.organisation, 'the organisation they come from');
  if (!Object.values(WorkingGroupRole).includes(input.role)) throw badInput(`Unknown role ${String(input.role)}.`);
  if (input.volunteerId != null && !isId(input.volunteerId)) throw badInput('volunteerId is not a valid id.');
  const since = input.since == null ? todayIn() : requireLocalDate(input.since, 'since');
  const until = input.until == null ? null : requireLocalDate(input.until, 'until');
  checkPeriod(since, until);
  const member = { workingGroupId: group.id, userSubject, since, until };
  await checkNoOverlap(em, member);
  const created = em.create(WorkingGroupMember, {
    ...member,
    name,
    role: input.role,
    organisation,
    volunteerId: input.volunteerId?.toLowerCase() ?? null,
  });
  try {
    await em.flush();
  } catch (error) {
    // Two adds of the same person at once: the partial unique index decides.
    if ((error as { code?: string }).code === '23505') throw conflict(`${userSubject} is already a member of this working group.`);
    throw error;
  }
  return created;
}

export async function updateMember(em: EntityManager, id: string, changes: MemberChanges): Promise<WorkingGroupMember> {
  const member = await getMember(em, id);
  await getOpenWorkingGroup(em, member.workingGroupId);
  const update: Partial<WorkingGroupMember> = {};
  if (changes.name !== undefined) update.name = checkText(changes.name, 'a name');
  if (changes.organisation !== undefined) update.organisation = checkText(changes.organisation, 'the organisation they come from');
  if (changes.role !== undefined) update.role = changes.role;
  if (changes.until !== undefined) {
    const until = changes.until === null ? null : requireLocalDate(changes.until, 'until');
    checkPeriod(member.since, until);
    if (until === null) await checkNoOverlap(em, { ...member, until: null }, member.id);
    update.until = until;
  }
  em.assign(member, update);
  await em.flush();
  return member;
}

export async function getMember(em: EntityManager, id: string): Promise<WorkingGroupMember> {
  const member = await em.findOne(WorkingGroupMember, { id: parseId(id, 'WorkingGroupMember') });
  if (!member) throw notFound('WorkingGroupMember', id);
  return member;
}

/** The caller's membership of the working group on `day` (UTC today by default), if any. */
export async function currentMembership(em: EntityManager, workingGroupId: string, userSubject: string, day = todayIn()): Promise<WorkingGroupMember | undefined> {
  const memberships = await em.find(WorkingGroupMember, { workingGroupId, userSubject });
  return memberships.find((membership) => isCurrent(membership, day));
}

/** Every membership of a person that holds on `day`, in any working group. */
export async function currentMembershipsOf(em: EntityManager, userSubject: string, day = todayIn()): Promise<WorkingGroupMember[]> {
  const memberships = await em.find(WorkingGroupMember, { userSubject }, { orderBy: { since: 'asc' } });
  return memberships.filter((membership) => isCurrent(membership, day));
}

export async function membersOf(em: EntityManager, workingGroupId: string, includeFormer: boolean): Promise<WorkingGroupMember[]> {
  const members = await em.find(WorkingGroupMember, { workingGroupId }, { orderBy: { name: 'asc', since: 'asc' } });
  const today = todayIn();
  return includeFormer ? members : members.filter((member) => isCurrent(member, today) || member.since > today);
}
