/**
 * Who may see and change what of an AED. Where an AED is and when it can be
 * reached are public (they are published to save lives); everything below
 * is not.
 *
 * - The cabinet code: only the AED's own guardians, and the incidents
 *   subgraph's service principal, which hands it to the one volunteer
 *   dispatched to fetch that AED. Not ADMIN, not the municipality's
 *   coordinators: nobody else needs it, and every extra reader is a way for
 *   it to leak to someone who would empty the cabinet.
 * - Contact details of the owner and guardians (personal data): the AED's
 *   guardians, the coordinators of its municipality, ADMIN.
 * - Registering AEDs: the coordinators of the municipality, ADMIN.
 * - Changing an AED: its guardians, the coordinators of its municipality, ADMIN.
 * - Logging a check and confirming an AED ready after use: its guardians and
 *   ADMIN (someone who has seen the device).
 */
import { Role, canSeePersonalDataOf, hasRole, isAdmin, requireAuthenticated, type Principal } from '../../../common/auth.ts';
import { forbidden } from '../../../common/errors.ts';

/** The subgraph whose service principal dispatches volunteers to AEDs. */
export const DISPATCHING_SUBGRAPH = 'incidents';

/** Whether the principal holds a GUARDIAN grant for exactly this AED; ADMIN does not stand in (unlike `hasRole`). */
export function isGuardianOf(principal: Principal, aedId: string): boolean {
  return principal.grants.some((grant) => grant.role === Role.GUARDIAN && grant.scope === aedId);
}

/** Whether the caller is the incidents subgraph (never a bearer token: see common/auth.ts). */
export function isDispatchService(principal: Principal): boolean {
  return hasRole(principal, Role.SERVICE, DISPATCHING_SUBGRAPH);
}

/** Throws FORBIDDEN unless the caller is the incidents subgraph. */
export function requireDispatchService(principal: Principal): void {
  if (!isDispatchService(principal)) throw forbidden('Only dispatch (the incidents service) may do this.');
}

/** Whether the principal may read the cabinet code of `aedId` (see the module comment). */
export function canReadCabinetCode(principal: Principal, aedId: string): boolean {
  return isGuardianOf(principal, aedId) || isDispatchService(principal);
}

/** Whether the principal may see the owner's and guardians' contact details, and change the AED. */
export function canManageAed(principal: Principal, aed: { id: string; municipalityId: string }): boolean {
  return isGuardianOf(principal, aed.id) || canSeePersonalDataOf(principal, aed.municipalityId);
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless {@link canManageAed}. */
export function requireAedManager(principal: Principal, aed: { id: string; municipalityId: string }): void {
  requireAuthenticated(principal);
  if (!canManageAed(principal, aed)) throw forbidden('Only the AED’s guardians, the coordinators of its municipality and ADMIN may do this.');
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless the principal coordinates `municipalityId` or is ADMIN. */
export function requireAedRegistrar(principal: Principal, municipalityId: string): void {
  requireAuthenticated(principal);
  if (!canSeePersonalDataOf(principal, municipalityId)) {
    throw forbidden('Only the coordinators of the municipality and ADMIN may register AEDs there.');
  }
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless the principal guards `aedId` or is ADMIN. */
export function requireGuardian(principal: Principal, aedId: string): void {
  requireAuthenticated(principal);
  if (!isGuardianOf(principal, aedId) && !isAdmin(principal)) throw forbidden('Only the AED’s guardians may do this.');
}
