/**
 * Who may simulate a region's dispatch (docs/access.md): ADMIN and the
 * policy officers of the region's municipalities, who advise on its
 * policy. The answer holds aggregates only (probabilities, medians, alert
 * counts), never a volunteer or a patient, but it is the working material of
 * the region's policy, so dispatchers, partners, volunteers and other
 * regions' officers are refused.
 */
import { Role, isAdmin, requireAuthenticated, type Principal } from '../../../common/auth.ts';
import { forbidden } from '../../../common/errors.ts';

/** Whether the principal may simulate dispatch policies in `securityRegionId`. */
export function canSimulateDispatchIn(principal: Principal, securityRegionId: string): boolean {
  return isAdmin(principal) || principal.grants.some((grant) => grant.role === Role.POLICY_OFFICER && (grant.regionIds ?? []).includes(securityRegionId));
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless {@link canSimulateDispatchIn}. */
export function requireSimulationAccess(principal: Principal, securityRegionId: string): void {
  requireAuthenticated(principal);
  if (!canSimulateDispatchIn(principal, securityRegionId)) {
    throw forbidden('Only the policy officers of this region’s municipalities and ADMIN may simulate its dispatch.');
  }
}
