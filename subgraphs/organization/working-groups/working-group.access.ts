/**
 * Who may see and do what with a working group's own business (members,
 * plan, problem reports). Roles come from the gateway-signed principal
 * (tokens, and working-group memberships resolved by the gateway); "is a
 * member" is read from the membership table, so any member — a volunteer or
 * the municipality's representative too — can report a problem.
 */
import { ANONYMOUS, hasRole, isAdmin, municipalitiesVisibleTo, requireAuthenticated, Role } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { forbidden } from '../../../common/errors.ts';
import { byId, municipalityIdsOfWorkingGroup } from '../loaders.ts';
import { WorkingGroup } from './working-group.entity.ts';
import { currentMembership } from './working-group-member.service.ts';

/** What the caller is to a working group. */
export type WorkingGroupAbility =
  /** Members, roles: ADMIN, CHAIR. */
  | 'manage'
  /** The implementation plan: ADMIN, CHAIR, GROUP_LEADER. */
  | 'plan'
  /** Status of problem reports: ADMIN, CHAIR, GROUP_LEADER. */
  | 'decide'
  /** The live feed of problem reports: ADMIN, CHAIR. */
  | 'chair'
  /**
   * Read members, plan and problem reports, and report problems: ADMIN,
   * CHAIR, GROUP_LEADER, ADMIN_SUPPORT, a policy officer of a municipality
   * the group covers, and any current member.
   */
  | 'take-part';

const ROLES_FOR: Record<Exclude<WorkingGroupAbility, 'take-part'>, Role[]> = {
  manage: [Role.CHAIR],
  plan: [Role.CHAIR, Role.GROUP_LEADER],
  decide: [Role.CHAIR, Role.GROUP_LEADER],
  chair: [Role.CHAIR],
};

/**
 * Whether the caller may `ability` in the working group (`hasRole` counts
 * ADMIN as every role). In a closed group its members' roles and memberships
 * count for nothing (the gateway drops such grants too, but may have signed
 * them up to its cache time before the closing): only ADMIN, and the policy
 * officers of its municipalities for its history.
 */
export async function may(context: RequestContext, workingGroupId: string, ability: WorkingGroupAbility): Promise<boolean> {
  const { principal } = context;
  if (principal.subject === ANONYMOUS.subject) return false;
  if ((await byId(context, WorkingGroup).load(workingGroupId))?.closedAt) return isAdmin(principal) || (ability === 'take-part' && (await isOfficerOf(context, workingGroupId)));
  if (ability !== 'take-part') return ROLES_FOR[ability].some((role) => hasRole(principal, role, workingGroupId));
  if ([Role.CHAIR, Role.GROUP_LEADER, Role.ADMIN_SUPPORT].some((role) => hasRole(principal, role, workingGroupId))) return true;
  if (await isOfficerOf(context, workingGroupId)) return true;
  // API clients and services are never members, whatever their subject.
  if (principal.apiClientId) return false;
  return (await currentMembership(context.em, workingGroupId, principal.subject)) !== undefined;
}

/** Whether the caller is policy officer of a municipality the group covers (or covered). */
async function isOfficerOf(context: RequestContext, workingGroupId: string): Promise<boolean> {
  const officerOf = municipalitiesVisibleTo(context.principal, [Role.POLICY_OFFICER]).ids;
  if (officerOf.length === 0) return false;
  const covered = await municipalityIdsOfWorkingGroup(context).load(workingGroupId);
  return covered.some((id) => officerOf.includes(id));
}

/** Throws UNAUTHENTICATED for anonymous callers and FORBIDDEN unless {@link may}. */
export async function requireAbility(context: RequestContext, workingGroupId: string, ability: WorkingGroupAbility): Promise<void> {
  requireAuthenticated(context.principal);
  if (!(await may(context, workingGroupId, ability))) {
    throw forbidden(
      ability === 'take-part'
        ? 'Only members, coordinators and policy officers of this working group may see or do this.'
        : `Only ${ROLES_FOR[ability].join(' or ').toLowerCase().replaceAll('_', ' ')} of this working group (or ADMIN) may do this.`,
    );
  }
}
